package io.goauthentik.client.internal;

import io.goauthentik.client.AuthentikRelease;
import io.goauthentik.client.UnsupportedByServerException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operation's release table ({@code x-releases}, {@code x-write-shapes} in the contract) says
 * about a server of a given release: whether the operation is certainly missing there, possibly
 * missing (between two sampled releases), and which properties of its body that release takes in an
 * older shape. Generated API classes hold one per operation that differs between releases; those in
 * every release, with a body of one shape, have none and their calls never need the server's release.
 */
public final class Operation {
  private final String name;
  private final String methodAndPath;
  private final AuthentikRelease first;
  private final AuthentikRelease last;
  private final AuthentikRelease before;
  private final AuthentikRelease after;
  private final List<WriteShape> shapes = new ArrayList<>();

  private Operation(String name, String methodAndPath, String first, String last, String before, String after) {
    this.name = name;
    this.methodAndPath = methodAndPath;
    this.first = AuthentikRelease.parse(first);
    this.last = last == null ? null : AuthentikRelease.parse(last);
    this.before = before == null ? null : AuthentikRelease.parse(before);
    this.after = after == null ? null : AuthentikRelease.parse(after);
  }

  /**
   * An operation's releases (x-releases), or {@code null} when every sampled release has it.
   *
   * @param name the API method ({@code coreUsersExportCreate})
   * @param methodAndPath {@code POST /core/users/export/}
   * @param first the first sampled release with it
   * @param last the last sampled release with it, {@code null} for the newest
   * @param before the sampled release before {@code first} (without it), {@code null} for none
   * @param after the sampled release after {@code last} (without it), {@code null} for none
   */
  public static Operation of(String name, String methodAndPath, String first, String last, String before,
      String after) {
    return new Operation(name, methodAndPath, first, last, before, after);
  }

  /**
   * This operation, whose body's {@code property} older releases take in another shape
   * (x-write-shapes).
   *
   * @param property the JSON property
   * @param sentAs how it is written for those releases: {@code newline-separated}, {@code integer},
   *     {@code minutes}
   * @param until the last sampled release with the older shape
   * @param since the first sampled release with the newer shape; releases of an earlier line
   *     ({@code year.minor}) take the older
   * @param whenProperty with {@code whenValue}: the rule holds only for a body whose property has that
   *     value (one variant of a oneOf body), or {@code null}
   * @param whenValue the value
   * @return this operation
   */
  public Operation sentAs(String property, String sentAs, String until, String since, String whenProperty,
      String whenValue) {
    shapes.add(new WriteShape(property, sentAs, AuthentikRelease.parse(until), AuthentikRelease.parse(since),
        whenProperty, whenValue));
    return this;
  }

  /** Whether a call needs the server's release: the operation or its body differs between releases. */
  static boolean needsRelease(Operation op) {
    return op != null && (op.before != null || op.after != null || !op.shapes.isEmpty());
  }

  /** Whether {@code release} is certainly without this operation: at or before one that lacked it first, or at or after one that dropped it. */
  boolean certainlyLacks(AuthentikRelease release) {
    return before != null && release.compareTo(before) <= 0 || after != null && release.compareTo(after) >= 0;
  }

  /** Whether {@code release}, between two sampled releases, may lack this operation. */
  boolean mayLack(AuthentikRelease release) {
    return !certainlyLacks(release) && (release.compareTo(first) < 0 || last != null && release.compareTo(last) > 0);
  }

  UnsupportedByServerException unsupported(AuthentikRelease release) {
    return new UnsupportedByServerException(name + " (" + methodAndPath + ") is not in authentik " + release
        + ", the server's release: it is in " + releases() + ". Nothing was sent.", release);
  }

  /** Said in a 404's message when the server's release may lack the operation. */
  String mayNotExist(AuthentikRelease release) {
    return " (" + name + " may not exist in authentik " + release + ", the server's release: it is known in "
        + releases() + ")";
  }

  List<WriteShape> shapes() {
    return shapes;
  }

  private String releases() {
    if (last == null) {
      return "authentik " + first + " and later";
    }
    return first.equals(last) ? "authentik " + first : "authentik " + first + " to " + last;
  }
}
