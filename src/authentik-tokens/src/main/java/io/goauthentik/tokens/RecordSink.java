package io.goauthentik.tokens;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a command's sequence of records goes (a list, what uses a grant, what a revoke did), in
 * the run's format: a JSON array printed once the command has succeeded; NDJSON lines printed as
 * each page arrives; a table printed at the end, also after a failure (for the person who reads
 * it, what was done so far).
 */
abstract class RecordSink {
  /**
   * A sink for {@code format}.
   *
   * @param columns what a table shows of each record
   */
  static RecordSink of(OutputFormat format, PrintWriter out, List<Table.Column> columns) {
    switch (format) {
      case JSON:
        return new JsonArray(out);
      case NDJSON:
        return new JsonLines(out);
      default:
        return new Tabular(out, columns);
    }
  }

  /** Prints a single record (a retrieve) in {@code format}. */
  static void printOne(OutputFormat format, PrintWriter out, Map<String, Object> record) {
    switch (format) {
      case JSON:
        Json.print(out, record);
        break;
      case NDJSON:
        out.println(Json.compact(record));
        out.flush();
        break;
      default:
        Table.printRecord(out, record);
    }
  }

  /** One more record. */
  abstract void add(Map<String, Object> record);

  /** A page is done: NDJSON lines go out now. */
  void endPage() {
  }

  /** The command succeeded: print what is still held. */
  abstract void finish();

  /** The command failed: print what a person should still see; a JSON document is never half printed. */
  void abort() {
  }

  private static final class JsonArray extends RecordSink {
    private final PrintWriter out;
    private final List<Map<String, Object>> records = new ArrayList<>();

    JsonArray(PrintWriter out) {
      this.out = out;
    }

    @Override
    void add(Map<String, Object> record) {
      records.add(record);
    }

    @Override
    void finish() {
      Json.print(out, records);
    }
  }

  private static final class JsonLines extends RecordSink {
    private final PrintWriter out;

    JsonLines(PrintWriter out) {
      this.out = out;
    }

    @Override
    void add(Map<String, Object> record) {
      out.println(Json.compact(record));
    }

    @Override
    void endPage() {
      out.flush();
    }

    @Override
    void finish() {
      out.flush();
    }

    @Override
    void abort() {
      out.flush();
    }
  }

  private static final class Tabular extends RecordSink {
    private final PrintWriter out;
    private final Table table;

    Tabular(PrintWriter out, List<Table.Column> columns) {
      this.out = out;
      this.table = new Table(columns);
    }

    @Override
    void add(Map<String, Object> record) {
      table.add(record);
    }

    @Override
    void finish() {
      table.print(out);
    }

    @Override
    void abort() {
      if (!table.isEmpty()) {
        table.print(out);
      }
    }
  }
}
