package io.goauthentik.tokens;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads every number of the command line (ids, the pks of {@code --user} and {@code --provider},
 * {@code --limit}): ASCII digits only, 1 to {@link Integer#MAX_VALUE}. Java's own parsing takes
 * any script's digits ({@code ١٢} is 12) and signs. The message never repeats the value.
 */
final class PositiveInt implements ITypeConverter<Integer> {
  static final String MESSAGE = "must be a positive whole number in ASCII digits, 1 to " + Integer.MAX_VALUE;

  @Override
  public Integer convert(String value) {
    long number = value.matches("[0-9]{1,10}") ? Long.parseLong(value) : 0;
    if (number < 1 || number > Integer.MAX_VALUE) {
      throw new TypeConversionException(MESSAGE);
    }
    return (int) number;
  }
}
