#!/bin/sh
# The demo's application: writes to MySQL's shop database as 'shop' in a loop (inserts, updates, deletes, each a
# transaction), so that tandem's snapshot, streaming and cutover run under live writes. After a cutover the account
# is locked and MySQL is read-only: the writes then fail, which is the freeze doing its job (the loop keeps trying
# and says so).
set -u
export MYSQL_PWD="$(cat /run/secrets/shop-password)"
rate_sleep="${WRITER_SLEEP:-0.2}"
i=0
while true; do
    i=$((i + 1))
    customer=$(( (i % 1000) + 1 ))
    if mysql --host=mysql --user=shop --database=shop --batch --silent -e "
        START TRANSACTION;
        INSERT INTO orders (customer_id, amount, note) VALUES (${customer}, ROUND(RAND() * 500, 2), CONCAT('order ', ${i}));
        UPDATE orders SET status = 'paid' WHERE status = 'new' ORDER BY id LIMIT 1;
        UPDATE orders SET status = 'shipped' WHERE status = 'paid' AND id % 3 = 0 ORDER BY id LIMIT 1;
        DELETE FROM orders WHERE status = 'shipped' AND id % 10 = 0 ORDER BY id LIMIT 1;
        COMMIT;"; then
        [ $((i % 100)) -eq 0 ] && echo "writer: ${i} transactions"
    else
        echo "writer: transaction ${i} failed (after a cutover MySQL is frozen for the application)"
        sleep 2
    fi
    sleep "${rate_sleep}"
done
