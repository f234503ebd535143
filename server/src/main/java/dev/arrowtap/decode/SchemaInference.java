package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Infers columns from a sample of records: one per top-level field, in order of first appearance,
 * typed so that every sampled value fits.
 */
public final class SchemaInference {
  private SchemaInference() {}

  /**
   * Reads up to {@code sampleSize} records of the body (streaming; the rest is left unread) and
   * returns a binding per top-level field. Fields whose names differ only in case get a suffix
   * ({@code _2}, {@code _3}) since column names are case-insensitive.
   */
  public static List<ColumnBinding> infer(
      InputStream body, String contentType, RecordLayout layout, int sampleSize)
      throws IOException {
    return sample(body, contentType, layout, sampleSize, Integer.MAX_VALUE).columns();
  }

  /**
   * What a sample showed.
   *
   * @param columns a binding per top-level field
   * @param allRecords true when the sample reached the end of the body's records
   */
  public record Sample(List<ColumnBinding> columns, boolean allRecords) {}

  /**
   * As {@link #infer}, also saying whether the sample saw every record of the body.
   *
   * @throws TooManyFields as soon as the records hold more than {@code maxFields} distinct fields
   */
  public static Sample sample(
      InputStream body, String contentType, RecordLayout layout, int sampleSize, int maxFields)
      throws IOException {
    if (sampleSize < 1) {
      throw new IllegalArgumentException("sampleSize must be positive, got " + sampleSize);
    }
    Map<String, FieldStats> fields = new LinkedHashMap<>();
    long records = 0;
    boolean allRecords = false;
    try (JsonParser parser = JsonFactories.FACTORY.createParser(new Utf8CheckedStream(body))) {
      // The caller owns the body: closing it here could mean reading an endless page to its end.
      parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      RecordLocator locator = new RecordLocator(parser, layout, contentType, Set.of());
      try {
        while (records < sampleSize) {
          if (!locator.next()) {
            allRecords = true;
            break;
          }
          sampleRecord(parser, fields, records, maxFields);
          records++;
        }
      } catch (StreamReadException e) {
        throw DecodeErrors.malformed(parser, e, records, records);
      } catch (Utf8CheckedStream.InvalidUtf8 e) {
        throw DecodeErrors.invalidUtf8(e, records, records, 0);
      } catch (StreamConstraintsException e) {
        throw DecodeErrors.overLimit(parser, e, records, records, 0);
      } catch (SampleLimitReached e) {
        if (records == 0) {
          throw e;
        }
        // The records read so far are the sample; a partial one adds its fields too.
      }
    }
    return new Sample(bindings(fields, records), allRecords);
  }

  private static void sampleRecord(
      JsonParser parser, Map<String, FieldStats> fields, long record, int maxFields)
      throws IOException {
    String name;
    while ((name = parser.nextFieldName()) != null) {
      JsonToken token = parser.nextToken();
      FieldStats stats = fields.get(name);
      if (stats == null) {
        if (fields.size() >= maxFields) {
          // Stop at once: a record of 100,000 fields would otherwise cost minutes in planning.
          throw new TooManyFields(maxFields, record);
        }
        stats = new FieldStats();
        fields.put(name, stats);
      }
      stats.see(record, typeOf(parser, token));
      if (token.isStructStart()) {
        parser.skipChildren();
      }
    }
  }

  /** The type of one value; null for JSON null. */
  private static ColumnType typeOf(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_NUMBER_INT ->
          parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? ColumnType.DECIMAL
              : ColumnType.BIGINT;
      case VALUE_NUMBER_FLOAT -> ColumnType.DOUBLE;
      case VALUE_TRUE, VALUE_FALSE -> ColumnType.BOOLEAN;
      case VALUE_STRING -> stringType(parser);
      case START_OBJECT, START_ARRAY -> ColumnType.JSON;
      default -> null;
    };
  }

  private static ColumnType stringType(JsonParser parser) throws IOException {
    char[] chars = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int length = parser.getTextLength();
    if (IsoTime.isDate(chars, offset, length)) {
      return ColumnType.DATE;
    }
    if (length > 10 && IsoTime.parseMillis(chars, offset, length) != IsoTime.NOT_ISO) {
      return ColumnType.TIMESTAMP;
    }
    return ColumnType.VARCHAR;
  }

  private static List<ColumnBinding> bindings(Map<String, FieldStats> fields, long records) {
    List<ColumnBinding> bindings = new ArrayList<>(fields.size());
    Set<String> taken = new HashSet<>();
    for (String field : fields.keySet()) {
      taken.add(field.toLowerCase(Locale.ROOT));
    }
    Set<String> used = new HashSet<>();
    for (Map.Entry<String, FieldStats> entry : fields.entrySet()) {
      String field = entry.getKey();
      FieldStats stats = entry.getValue();
      ColumnType type = stats.type == null ? ColumnType.VARCHAR : stats.type;
      boolean nullable = stats.sawNull || stats.present < records;
      String name = uniqueName(field.isEmpty() ? "_" : field, used, taken);
      bindings.add(
          new ColumnBinding(new Column(name, type, nullable), JsonPointers.escape(field), null));
    }
    return bindings;
  }

  /** The name, or the name with the first free suffix if a former column took it. */
  private static String uniqueName(String name, Set<String> used, Set<String> taken) {
    String candidate = name;
    int n = 1;
    // A suffixed name must not be one that another field of the body has, so both keep a column.
    while (used.contains(candidate.toLowerCase(Locale.ROOT))
        || (n > 1 && taken.contains(candidate.toLowerCase(Locale.ROOT)))) {
      candidate = name + "_" + ++n;
    }
    used.add(candidate.toLowerCase(Locale.ROOT));
    return candidate;
  }

  /** What the sample showed of one field. */
  private static final class FieldStats {
    ColumnType type;
    long present;
    boolean sawNull;
    long lastRecord = -1;

    void see(long record, ColumnType valueType) {
      if (lastRecord != record) {
        present++; // a field repeated in one record counts once
        lastRecord = record;
      }
      if (valueType == null) {
        sawNull = true;
      } else {
        type = TypeWidening.widen(type, valueType);
      }
    }
  }
}
