package io.goauthentik.client;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release of authentik, such as {@code 2025.10.4} or {@code 2026.2.0-rc1}: what
 * {@link AuthentikClient#serverRelease()} returns and {@link AuthentikClient.Builder#release(String)}
 * takes. Immutable; ordered as the releases came out (a pre-release before its release).
 */
public final class AuthentikRelease implements Comparable<AuthentikRelease> {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?(?:-([0-9A-Za-z.]{1,40}))?");

  private final int year;
  private final int minor;
  private final int patch;
  /** The pre-release label ({@code rc1}), or {@code null} for a release. */
  private final String pre;

  private AuthentikRelease(int year, int minor, int patch, String pre) {
    this.year = year;
    this.minor = minor;
    this.patch = patch;
    this.pre = pre;
  }

  /**
   * Reads a release as authentik writes it: {@code year.minor.patch}, optionally followed by
   * {@code -label} for a pre-release ({@code 2026.2.0-rc1}); {@code year.minor} means patch 0.
   *
   * @param text the release
   * @return the release
   * @throws NullPointerException when {@code text} is null
   * @throws IllegalArgumentException when {@code text} is not a release
   */
  public static AuthentikRelease parse(String text) {
    Objects.requireNonNull(text, "release must not be null");
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("Not an authentik release (year.minor.patch, like 2025.10.4): '"
          + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
    }
    return new AuthentikRelease(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), m.group(4));
  }

  /**
   * Whether this release belongs to an earlier line ({@code year.minor}) than {@code other}'s.
   *
   * @param other a release
   * @return true when this release's year and minor come before {@code other}'s
   */
  public boolean isBeforeLineOf(AuthentikRelease other) {
    return year != other.year ? year < other.year : minor < other.minor;
  }

  @Override
  public int compareTo(AuthentikRelease other) {
    int c = Integer.compare(year, other.year);
    if (c == 0) {
      c = Integer.compare(minor, other.minor);
    }
    if (c == 0) {
      c = Integer.compare(patch, other.patch);
    }
    if (c == 0 && !Objects.equals(pre, other.pre)) {
      c = pre == null ? 1 : other.pre == null ? -1 : pre.compareTo(other.pre);
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AuthentikRelease)) {
      return false;
    }
    AuthentikRelease other = (AuthentikRelease) o;
    return year == other.year && minor == other.minor && patch == other.patch && Objects.equals(pre, other.pre);
  }

  @Override
  public int hashCode() {
    return Objects.hash(year, minor, patch, pre);
  }

  /** {@code 2025.10.4}, {@code 2026.2.0-rc1}. */
  @Override
  public String toString() {
    return year + "." + minor + "." + patch + (pre == null ? "" : "-" + pre);
  }
}
