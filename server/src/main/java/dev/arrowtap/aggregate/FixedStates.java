package dev.arrowtap.aggregate;

import org.apache.arrow.vector.BaseFixedWidthVector;

/** Growth of fixed-width state vectors to a number of groups, new slots zero and NULL. */
final class FixedStates {
  private FixedStates() {}

  /** Grows {@code state} to hold {@code groups} values, zeroing slots from {@code ready} on. */
  static void ensure(BaseFixedWidthVector state, int ready, int groups) {
    if (groups <= ready) {
      return;
    }
    if (state.getValueCapacity() == 0) {
      state.allocateNew(Math.max(groups, 1024));
    }
    while (state.getValueCapacity() < groups) {
      state.reAlloc();
    }
    long width = state.getTypeWidth();
    state.getDataBuffer().setZero(ready * width, (groups - ready) * width);
    for (int g = ready; g < groups; g++) {
      state.setNull(g);
    }
  }
}
