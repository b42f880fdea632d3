package io.goauthentik.tokens;

import picocli.CommandLine.ITypeConverter;

/**
 * The value of {@code --user} or {@code --provider}: a pk, or a name that {@link Lookup} finds.
 * A value of digits, with or without a sign, is meant as a pk and read by {@link PositiveInt}
 * ({@code 0}, {@code -3} and {@code ١٢} stay usage errors); anything else is a name.
 */
final class PkOrName {
  /** The pk given, or null for a name. */
  final Integer pk;
  /** The name given, or null for a pk. */
  final String name;

  private PkOrName(Integer pk, String name) {
    this.pk = pk;
    this.name = name;
  }

  /** Reads the option's value; the message of a bad number never repeats it. */
  static final class Converter implements ITypeConverter<PkOrName> {
    @Override
    public PkOrName convert(String value) {
      if (value.matches("[-+]?\\p{Nd}+")) {
        return new PkOrName(new PositiveInt().convert(value), null);
      }
      return new PkOrName(null, value);
    }
  }
}
