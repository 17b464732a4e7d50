package org.pressdav.dav.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pressdav.dav.protocol.ByteRanges.Slice;

class ByteRangesTest {
    private static List<Slice> slices(String header, long length) {
        return assertInstanceOf(ByteRanges.Slices.class, ByteRanges.parse(header, length)).slices();
    }

    @Test
    void aSingleRangeIsClippedToTheFile() {
        assertEquals(List.of(new Slice(10, 19)), slices("bytes=10-19", 100));
        assertEquals(List.of(new Slice(90, 99)), slices("bytes=90-500", 100));
        assertEquals(List.of(new Slice(50, 99)), slices("bytes=50-", 100));
    }

    @Test
    void aSuffixTakesTheLastBytes() {
        assertEquals(List.of(new Slice(95, 99)), slices("bytes=-5", 100));
        assertEquals(List.of(new Slice(0, 99)), slices("bytes=-500", 100));
    }

    @Test
    void severalRangesStayInTheirOrder() {
        assertEquals(List.of(new Slice(0, 0), new Slice(50, 59), new Slice(99, 99)), slices("bytes=0-0, 50-59,-1", 100));
    }

    @Test
    void rangesThatStartBeyondTheEndAreUnsatisfiable() {
        assertInstanceOf(ByteRanges.Unsatisfiable.class, ByteRanges.parse("bytes=100-", 100));
        assertInstanceOf(ByteRanges.Unsatisfiable.class, ByteRanges.parse("bytes=500-600,700-", 100));
        assertInstanceOf(ByteRanges.Unsatisfiable.class, ByteRanges.parse("bytes=-0", 100));
        assertInstanceOf(ByteRanges.Unsatisfiable.class, ByteRanges.parse("bytes=0-", 0));
    }

    @Test
    void oneSatisfiableRangeAmongUnsatisfiableOnesIsServed() {
        assertEquals(List.of(new Slice(0, 9)), slices("bytes=0-9,200-300", 100));
    }

    @Test
    void aHeaderThatDoesNotParseMeansTheWholeFile() {
        for (String header : new String[] {null, "items=0-5", "bytes=5-3", "bytes=a-b", "bytes=5", "bytes=--5"}) {
            assertInstanceOf(ByteRanges.Whole.class, ByteRanges.parse(header, 100), String.valueOf(header));
        }
        String many = "bytes=" + "0-0,".repeat(ByteRanges.MAX_RANGES) + "1-1";
        assertInstanceOf(ByteRanges.Whole.class, ByteRanges.parse(many, 100));
    }

    @Test
    void overlappingRangesAreOneSoTheAnswerIsNeverLargerThanTheFile() {
        assertEquals(List.of(new Slice(0, 99)), slices("bytes=" + "0-,".repeat(19) + "0-", 100));
        assertEquals(List.of(new Slice(0, 29), new Slice(50, 59)), slices("bytes=50-59,10-29,0-9,5-12", 100));
    }
}
