package io.tandem.engine.transform;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * PostGIS's extended WKB from MySQL's internal geometry format. MySQL and MariaDB store a geometry as a 4-byte
 * little-endian SRID followed by standard WKB; EWKB carries the SRID inside the WKB instead: the top-level type word
 * gets the flag {@code 0x20000000} and the SRID follows it, in the geometry's own byte order. SRID 0 (MySQL's
 * "no reference system") stays plain WKB, which PostGIS reads as SRID 0 too. Nested geometries carry no SRID in
 * either format, so only the first nine bytes change and the coordinates are copied untouched: the conversion is
 * exact by construction.
 */
public final class Ewkb {

    private static final int SRID_FLAG = 0x20000000;
    /** PostGIS's Z and M flags: MySQL geometries are two-dimensional and cannot carry either. */
    private static final int Z_OR_M_FLAGS = 0x80000000 | 0x40000000;
    private static final int SRID_BYTES = 4;
    /** Byte order (1) and type word (4): the smallest WKB that names a geometry. */
    private static final int WKB_HEADER_BYTES = 5;

    private Ewkb() {
    }

    /** The EWKB of a geometry in MySQL's internal format; throws naming the problem when it is not one. */
    public static byte[] fromMySqlInternal(byte[] internal) {
        if (internal.length < SRID_BYTES + WKB_HEADER_BYTES) {
            throw new IllegalArgumentException("not a MySQL geometry: " + internal.length
                    + " bytes, fewer than the SRID and a WKB header");
        }
        int srid = ByteBuffer.wrap(internal, 0, SRID_BYTES).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] wkb = new byte[internal.length - SRID_BYTES];
        System.arraycopy(internal, SRID_BYTES, wkb, 0, wkb.length);
        return of(srid, wkb);
    }

    /** The EWKB of standard WKB with the given SRID (0 for none). */
    public static byte[] of(int srid, byte[] wkb) {
        if (wkb.length < WKB_HEADER_BYTES || (wkb[0] != 0 && wkb[0] != 1)) {
            throw new IllegalArgumentException("not WKB: it must start with a byte order of 0 or 1 and a type word");
        }
        if (srid == 0) {
            return wkb.clone();
        }
        ByteOrder order = wkb[0] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int type = ByteBuffer.wrap(wkb, 1, 4).order(order).getInt();
        if ((type & SRID_FLAG) != 0) {
            throw new IllegalArgumentException("the WKB already carries an SRID; it is EWKB, not WKB");
        }
        return ByteBuffer.allocate(wkb.length + SRID_BYTES).order(order)
                .put(wkb[0])
                .putInt(type | SRID_FLAG)
                .putInt(srid)
                .put(wkb, WKB_HEADER_BYTES, wkb.length - WKB_HEADER_BYTES)
                .array();
    }

    /**
     * MySQL's internal format of an EWKB geometry (the inverse of {@link #fromMySqlInternal}): the SRID moves out of
     * the WKB into the 4-byte little-endian prefix; plain WKB gets SRID 0.
     *
     * @throws IllegalArgumentException when it is not EWKB, or has Z or M coordinates, which MySQL cannot store
     */
    public static byte[] toMySqlInternal(byte[] ewkb) {
        if (ewkb.length < WKB_HEADER_BYTES || (ewkb[0] != 0 && ewkb[0] != 1)) {
            throw new IllegalArgumentException("not EWKB: it must start with a byte order of 0 or 1 and a type word");
        }
        ByteOrder order = ewkb[0] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int type = ByteBuffer.wrap(ewkb, 1, 4).order(order).getInt();
        if ((type & Z_OR_M_FLAGS) != 0) {
            throw new IllegalArgumentException("the geometry has Z or M coordinates, which MySQL cannot store");
        }
        boolean hasSrid = (type & SRID_FLAG) != 0;
        if (hasSrid && ewkb.length < WKB_HEADER_BYTES + SRID_BYTES) {
            throw new IllegalArgumentException("not EWKB: the SRID flag is set but the SRID is missing");
        }
        int srid = hasSrid ? ByteBuffer.wrap(ewkb, WKB_HEADER_BYTES, SRID_BYTES).order(order).getInt() : 0;
        int body = WKB_HEADER_BYTES + (hasSrid ? SRID_BYTES : 0);
        return ByteBuffer.allocate(SRID_BYTES + ewkb.length - (hasSrid ? SRID_BYTES : 0))
                .order(ByteOrder.LITTLE_ENDIAN).putInt(srid)
                .put(ewkb[0])
                .put(ByteBuffer.allocate(4).order(order).putInt(type & ~SRID_FLAG).array())
                .put(ewkb, body, ewkb.length - body)
                .array();
    }

    /** EWKB as hex, the text form, which PostGIS's geometry input reads directly. */
    public static String hex(byte[] ewkb) {
        // ByteaText's form minus its "\x" prefix: the same digits, and one lookup table for both.
        return ByteaText.of(ewkb).substring(2);
    }
}
