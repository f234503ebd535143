package dev.arrowtap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A position names its parts once, records counted from 1. */
class BodyPositionTest {
  @Test
  void insideARecordWithItsColumn() {
    BodyPosition position = BodyPosition.inRecord(43, 1, "amount");
    assertEquals(2, position.recordNumber());
    assertEquals("column amount, record 2, byte 43", position.toString());
  }

  @Test
  void insideARecord() {
    assertEquals("record 1, byte 7", BodyPosition.inRecord(7, 0, null).toString());
  }

  @Test
  void betweenRecords() {
    BodyPosition after = BodyPosition.between(80, 2);
    assertEquals(0, after.recordNumber());
    assertEquals("after record 2, byte 80", after.toString());
    assertEquals("before the first record, byte 0", BodyPosition.between(0, 0).toString());
  }
}
