# Sourced (not executed: keep it non-executable) by the mysql:8.4 image's entrypoint on the first start, after the
# root account exists; docker_process_sql runs SQL as root. Passwords come from the compose file's secrets.
# The grants are README's "Source server requirements" and "Cutover privileges" (MySQL 8.4 column).

tandem_password="$(cat /run/secrets/mysql-password)"
cutover_password="$(cat /run/secrets/mysql-cutover-password)"
shop_password="$(cat /run/secrets/shop-password)"

docker_process_sql <<SQL
CREATE DATABASE shop;
CREATE TABLE shop.customers (
  id INT AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(190) NOT NULL UNIQUE,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
);
CREATE TABLE shop.orders (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  amount DECIMAL(12,2) NOT NULL,
  status ENUM('new','paid','shipped','cancelled') NOT NULL DEFAULT 'new',
  note TEXT NULL,
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  KEY orders_customer (customer_id)
);
INSERT INTO shop.customers (email)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
  SELECT CONCAT('customer', i, '@example.com') FROM n;

-- tandem's replication login (README: Source server requirements).
CREATE USER 'tandem'@'%' IDENTIFIED BY '${tandem_password}';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'tandem'@'%';
CREATE DATABASE tandem;
GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON tandem.* TO 'tandem'@'%';

-- The cutover's login (cutover.source-admin; README: Cutover privileges, MySQL 8.0 / 8.4). The way back writes
-- with it too, so it also writes the replicated tables and the control database.
CREATE USER 'tandem_cutover'@'%' IDENTIFIED BY '${cutover_password}';
GRANT SYSTEM_VARIABLES_ADMIN, CONNECTION_ADMIN, CREATE USER, PROCESS, REPLICATION CLIENT ON *.* TO 'tandem_cutover'@'%';
GRANT SELECT ON mysql.* TO 'tandem_cutover'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON shop.* TO 'tandem_cutover'@'%';
GRANT CREATE, SELECT, INSERT, UPDATE, DELETE ON tandem.* TO 'tandem_cutover'@'%';

-- The application (cutover.source-app-accounts): an ordinary account that read_only stops.
CREATE USER 'shop'@'%' IDENTIFIED BY '${shop_password}';
GRANT SELECT, INSERT, UPDATE, DELETE ON shop.* TO 'shop'@'%';
SQL
