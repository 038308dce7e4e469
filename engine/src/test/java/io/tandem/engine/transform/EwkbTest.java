package io.tandem.engine.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EwkbTest {

    private static final HexFormat HEX = HexFormat.of();

    /** POINT(1 2) as little-endian WKB, what MySQL stores after the SRID. */
    private static final String POINT_WKB = "0101000000000000000000f03f0000000000000040";

    @Test
    void srid4326PointMatchesWhatPostgisWrites() {
        // SELECT ST_AsEWKB('SRID=4326;POINT(1 2)'::geometry) on PostGIS 3.3
        byte[] internal = HEX.parseHex("e6100000" + POINT_WKB);
        assertEquals("0101000020e6100000000000000000f03f0000000000000040",
                Ewkb.hex(Ewkb.fromMySqlInternal(internal)));
    }

    @Test
    void sridZeroStaysPlainWkb() {
        byte[] internal = HEX.parseHex("00000000" + POINT_WKB);
        assertEquals(POINT_WKB, Ewkb.hex(Ewkb.fromMySqlInternal(internal)));
    }

    @Test
    void bigEndianWkbGetsItsSridInBigEndianToo() {
        // POINT(1 2), big-endian: type 1, then the doubles.
        byte[] wkb = HEX.parseHex("00000000013ff00000000000004000000000000000");
        assertEquals("0020000001000010e63ff00000000000004000000000000000", Ewkb.hex(Ewkb.of(4326, wkb)));
    }

    @Test
    void nestedGeometriesAreCopiedUntouched() {
        // MULTIPOINT((1 2)): the nested point has its own header, which EWKB leaves as it is.
        String wkb = "010400000001000000" + POINT_WKB;
        String ewkb = Ewkb.hex(Ewkb.of(3857, HEX.parseHex(wkb)));
        assertEquals("0104000020110f000001000000" + POINT_WKB, ewkb);
    }

    @Test
    void refusesBytesThatAreNotAGeometry() {
        IllegalArgumentException shortInput = assertThrows(IllegalArgumentException.class,
                () -> Ewkb.fromMySqlInternal(new byte[] {1, 2, 3}));
        assertTrue(shortInput.getMessage().contains("not a MySQL geometry"), shortInput.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ewkb.of(4326, HEX.parseHex("0201000000")));
    }

    @Test
    void mySqlInternalFormatComesBackExactly() {
        for (String internal : new String[] {"e6100000" + POINT_WKB, "00000000" + POINT_WKB,
                "110f0000010400000001000000" + POINT_WKB}) {
            byte[] bytes = HEX.parseHex(internal);
            assertEquals(internal, HEX.formatHex(Ewkb.toMySqlInternal(Ewkb.fromMySqlInternal(bytes))));
        }
        // Big-endian EWKB keeps its byte order inside the WKB; only the prefix is little-endian.
        assertEquals("e6100000" + "00000000013ff00000000000004000000000000000",
                HEX.formatHex(Ewkb.toMySqlInternal(HEX.parseHex("0020000001000010e63ff00000000000004000000000000000"))));
    }

    @Test
    void refusesZAndMCoordinates() {
        // POINT Z (1 2 3) as PostGIS EWKB: type word with the Z flag.
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class, () -> Ewkb.toMySqlInternal(
                HEX.parseHex("0101000080000000000000f03f00000000000000400000000000000840")));
        assertTrue(z.getMessage().contains("Z or M"), z.getMessage());
    }
}
