package dev.arrowtap.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that bytes are well-formed UTF-8 (Unicode's table 3-7), fed in pieces as a body streams
 * in. Jackson decodes overlong forms ({@code C0 AF} becomes {@code /}), surrogates ({@code ED A0
 * 80}) and sequences above U+10FFFF ({@code F4 90 80 80}) without complaint, so every body byte is
 * checked here before the parser sees it. Runs of ASCII, most of a JSON body, are checked eight
 * bytes at a time.
 */
final class Utf8Validator {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private long position; // body offset of the next byte fed
  private long sequenceStart; // body offset of the lead byte of an unfinished sequence
  private final byte[] sequence = new byte[4];
  private int have; // bytes of the unfinished sequence seen
  private int need; // bytes the unfinished sequence has in all
  private String problem;
  private long problemOffset = -1;

  /**
   * Checks {@code bytes[from, to)}, the next bytes of the body.
   *
   * @return -1 when they are well formed so far, otherwise the index in {@code bytes} of the first
   *     byte that cannot be part of well-formed UTF-8 ({@link #problem()} says why, {@link
   *     #problemOffset()} where the bad sequence starts in the body)
   */
  int check(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      if (have == 0) {
        while (i + Long.BYTES <= to && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
          i += Long.BYTES;
        }
        if (i == to) {
          break;
        }
        int b = bytes[i] & 0xFF;
        if (b < 0x80) {
          i++;
          continue;
        }
        sequenceStart = position + (i - from);
        sequence[0] = (byte) b;
        have = 1;
        need = lengthOf(b);
        if (need < 0) {
          return fail(i, from, leadProblem(b));
        }
        i++;
      } else {
        int b = bytes[i] & 0xFF;
        if (!continues(b)) {
          return fail(i, from, continuationProblem(b));
        }
        sequence[have++] = (byte) b;
        i++;
        if (have == need) {
          have = 0;
        }
      }
    }
    position += to - from;
    return -1;
  }

  /** Whether the body may end here: false inside a sequence ({@link #problem()} then says so). */
  boolean atEnd() {
    if (have == 0) {
      return true;
    }
    problemOffset = sequenceStart;
    problem = "the body ends inside the sequence " + sequenceHex(have);
    return false;
  }

  /** What is wrong, naming the bytes; null while nothing is. */
  String problem() {
    return problem;
  }

  /** Where in the body the ill-formed sequence starts, or -1. */
  long problemOffset() {
    return problemOffset;
  }

  private int fail(int index, int from, String why) {
    problem = why;
    problemOffset = sequenceStart;
    position += index - from;
    return index;
  }

  /** Bytes in all of a sequence led by {@code b}, or -1 if {@code b} cannot lead one. */
  private static int lengthOf(int b) {
    if (b >= 0xC2 && b <= 0xDF) {
      return 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      return 3;
    } else if (b >= 0xF0 && b <= 0xF4) {
      return 4;
    }
    return -1;
  }

  /** Whether {@code b} may follow the bytes of the unfinished sequence. */
  private boolean continues(int b) {
    if (have == 1) {
      int lead = sequence[0] & 0xFF;
      return switch (lead) {
        case 0xE0 -> b >= 0xA0 && b <= 0xBF; // below is an overlong form
        case 0xED -> b >= 0x80 && b <= 0x9F; // above is a surrogate
        case 0xF0 -> b >= 0x90 && b <= 0xBF; // below is an overlong form
        case 0xF4 -> b >= 0x80 && b <= 0x8F; // above is past U+10FFFF
        default -> b >= 0x80 && b <= 0xBF;
      };
    }
    return b >= 0x80 && b <= 0xBF;
  }

  private static String leadProblem(int b) {
    if (b <= 0xBF) {
      return "byte " + hex(b) + " is a continuation byte with no lead byte before it";
    } else if (b <= 0xC1) {
      return "byte " + hex(b) + " starts an overlong encoding (of a character below U+0080)";
    } else if (b <= 0xF7) {
      return "byte " + hex(b) + " starts a sequence above U+10FFFF, the last code point";
    }
    return "byte " + hex(b) + " never occurs in UTF-8";
  }

  private String continuationProblem(int b) {
    String bytes = sequenceHex(have) + " " + hex(b);
    if (b < 0x80 || b > 0xBF) {
      return "byte " + hex(b) + " after " + sequenceHex(have) + " is not a continuation byte";
    }
    return switch (sequence[0] & 0xFF) {
      case 0xE0, 0xF0 -> "the sequence " + bytes + " is an overlong encoding";
      case 0xED -> "the sequence " + bytes + " encodes a UTF-16 surrogate (U+D800 to U+DFFF)";
      default -> "the sequence " + bytes + " is above U+10FFFF, the last code point";
    };
  }

  /** The first {@code count} bytes of the unfinished sequence, as {@code 0xE2 0x82}. */
  private String sequenceHex(int count) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < count; k++) {
      out.append(k == 0 ? "" : " ").append(hex(sequence[k] & 0xFF));
    }
    return out.toString();
  }

  private static String hex(int b) {
    return String.format("0x%02X", b);
  }
}
