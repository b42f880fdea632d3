package io.goauthentik.tokens;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;

/** The three ways the tool prints results ({@code --output}). */
enum OutputFormat {
  /** Aligned columns for people (the default); a single grant as one "name value" line per property. */
  TABLE,
  /** One JSON document, printed when the command has succeeded: an object, or an array of objects. */
  JSON,
  /** One JSON object per line, printed as results arrive, for {@code jq} and other line tools. */
  NDJSON;

  /** The name on the command line. */
  String option() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code table}, {@code json}, {@code ndjson}, in any case. */
  static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat format : values()) {
        if (format.option().equalsIgnoreCase(value)) {
          return format;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("must be one of "
          + Arrays.stream(values()).map(OutputFormat::option).collect(Collectors.joining(", ")));
    }
  }

  /** The names, for the help and the completion script. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(OutputFormat::option).iterator();
    }
  }
}
