package io.goauthentik.client.testkit;

import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * A flow to add to a {@link FakeAuthentik}, from {@link FakeAuthentik#newFlow(String)}: change what
 * the defaults do not fit, then {@link #add()}. The defaults: an {@code authentication} flow, its
 * name and title the slug; authentik's defaults for the rest (no authentication required, layout
 * {@code stacked}, denied action {@code message_continue}).
 *
 * <pre>{@code
 * String slug = fake.newFlow("my-flow").designation("authorization").title("Welcome").add();
 * }</pre>
 *
 * <p>Values that are enumerations in authentik's schema (designation, authentication, layout, denied
 * action) are given as their wire values and checked against the release's. Not thread-safe;
 * {@link #add()} is.
 */
public final class FlowSeed {
  private final FakeAuthentik fake;
  private final String slug;
  private String name;
  private String title;
  private String designation = "authentication";
  private String authentication;
  private String layout;
  private String deniedAction;

  FlowSeed(FakeAuthentik fake, String slug) {
    this.fake = fake;
    this.slug = slug;
  }

  /**
   * The name ({@code name}), shown to administrators; the slug by default.
   *
   * @param name such as {@code My flow}
   * @return this seed
   */
  public FlowSeed name(String name) {
    this.name = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * The title ({@code title}), shown to users above the flow; the slug by default.
   *
   * @param title such as {@code Welcome to authentik!}
   * @return this seed
   */
  public FlowSeed title(String title) {
    this.title = Objects.requireNonNull(title, "title");
    return this;
  }

  /**
   * What the flow is for ({@code designation}); {@code authentication} by default.
   *
   * @param designation such as {@code authentication}, {@code authorization}, {@code invalidation},
   *     {@code enrollment}, {@code recovery}, {@code unenrollment} or {@code stage_configuration}
   * @return this seed
   */
  public FlowSeed designation(String designation) {
    this.designation = Objects.requireNonNull(designation, "designation");
    return this;
  }

  /**
   * Who may start the flow ({@code authentication}); {@code none} (anyone) by default.
   *
   * @param authentication such as {@code none}, {@code require_authenticated} or {@code require_superuser}
   * @return this seed
   */
  public FlowSeed authentication(String authentication) {
    this.authentication = Objects.requireNonNull(authentication, "authentication");
    return this;
  }

  /**
   * How the flow is laid out ({@code layout}); {@code stacked} by default.
   *
   * @param layout such as {@code stacked} or {@code sidebar_left}
   * @return this seed
   */
  public FlowSeed layout(String layout) {
    this.layout = Objects.requireNonNull(layout, "layout");
    return this;
  }

  /**
   * What happens when a policy denies access ({@code denied_action}); {@code message_continue} by default.
   *
   * @param deniedAction such as {@code message_continue}, {@code message} or {@code continue}
   * @return this seed
   */
  public FlowSeed deniedAction(String deniedAction) {
    this.deniedAction = Objects.requireNonNull(deniedAction, "deniedAction");
    return this;
  }

  /**
   * Adds the flow to the fake.
   *
   * @return its slug
   * @throws IllegalArgumentException when the slug is blank or taken, or the release has no such
   *     designation, authentication, layout or denied action
   */
  public String add() {
    if (slug == null || slug.isBlank()) {
      throw new IllegalArgumentException("a flow's slug must not be blank, was " + (slug == null ? "null" : "\"" + slug + "\""));
    }
    JsonObject flow = new JsonObject();
    flow.addProperty("name", name != null ? name : slug);
    flow.addProperty("slug", slug);
    flow.addProperty("title", title != null ? title : slug);
    flow.addProperty("designation", designation);
    if (authentication != null) {
      flow.addProperty("authentication", authentication);
    }
    if (layout != null) {
      flow.addProperty("layout", layout);
    }
    if (deniedAction != null) {
      flow.addProperty("denied_action", deniedAction);
    }
    return fake.add("/flows/instances/", flow);
  }

  /** Shows the slug only. */
  @Override
  public String toString() {
    return "FlowSeed{slug=" + slug + "}";
  }
}
