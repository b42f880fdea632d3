package io.goauthentik.client.testkit;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * An application to add to a {@link FakeAuthentik}, from {@link FakeAuthentik#newApplication(String)}:
 * change what the defaults do not fit, then {@link #add()}. The defaults: its slug from its name (in
 * lower case, other characters as {@code -}: {@code Grafana} is {@code grafana}), no provider, no
 * group, no launch URL, description or publisher, opened in the same tab.
 *
 * <pre>{@code
 * String slug = fake.newApplication("Grafana").provider(grafana).group("Monitoring")
 *     .metaLaunchUrl("https://grafana.example.com").add();
 * }</pre>
 *
 * <p>Not thread-safe; {@link #add()} is.
 */
public final class ApplicationSeed {
  private final FakeAuthentik fake;
  private final String name;
  private String slug;
  private Integer provider;
  private String group;
  private String metaLaunchUrl;
  private String metaDescription;
  private String metaPublisher;
  private boolean openInNewTab;

  ApplicationSeed(FakeAuthentik fake, String name) {
    this.fake = fake;
    this.name = name;
  }

  /**
   * The slug, unique among applications; by default derived from the name.
   *
   * @param slug letters, digits, {@code -} and {@code _}, such as {@code grafana}
   * @return this seed
   */
  public ApplicationSeed slug(String slug) {
    this.slug = Objects.requireNonNull(slug, "slug");
    return this;
  }

  /**
   * The provider the application uses ({@code provider}); none by default.
   *
   * @param pk a provider's pk, such as what {@link ProviderSeed#add()} returned
   * @return this seed
   */
  public ApplicationSeed provider(int pk) {
    this.provider = pk;
    return this;
  }

  /**
   * The group the application is shown under in the user's library ({@code group}, a free text);
   * none by default.
   *
   * @param group such as {@code Monitoring}
   * @return this seed
   */
  public ApplicationSeed group(String group) {
    this.group = Objects.requireNonNull(group, "group");
    return this;
  }

  /**
   * Where the library's link goes ({@code meta_launch_url}); none by default.
   *
   * @param url such as {@code https://grafana.example.com}
   * @return this seed
   */
  public ApplicationSeed metaLaunchUrl(String url) {
    this.metaLaunchUrl = Objects.requireNonNull(url, "url");
    return this;
  }

  /**
   * The description shown in the library ({@code meta_description}); none by default.
   *
   * @param description such as {@code Dashboards}
   * @return this seed
   */
  public ApplicationSeed metaDescription(String description) {
    this.metaDescription = Objects.requireNonNull(description, "description");
    return this;
  }

  /**
   * The publisher shown in the library ({@code meta_publisher}); none by default.
   *
   * @param publisher such as {@code Grafana Labs}
   * @return this seed
   */
  public ApplicationSeed metaPublisher(String publisher) {
    this.metaPublisher = Objects.requireNonNull(publisher, "publisher");
    return this;
  }

  /**
   * Whether the library opens the application in a new tab ({@code open_in_new_tab}); false by default.
   *
   * @param openInNewTab true for a new tab
   * @return this seed
   */
  public ApplicationSeed openInNewTab(boolean openInNewTab) {
    this.openInNewTab = openInNewTab;
    return this;
  }

  /**
   * Adds the application to the fake.
   *
   * @return its slug
   * @throws IllegalArgumentException when the name is blank or the slug is taken
   */
  public String add() {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an application name must not be blank, was " + (name == null ? "null" : "\"" + name + "\""));
    }
    String slug = this.slug != null ? this.slug : Json.slug(name);
    JsonObject app = new JsonObject();
    app.addProperty("pk", Json.uuid("application", slug).toString());
    app.addProperty("name", name);
    app.addProperty("slug", slug);
    if (provider != null) {
      app.addProperty("provider", provider);
    } else {
      app.add("provider", JsonNull.INSTANCE);
    }
    app.addProperty("group", group != null ? group : "");
    app.addProperty("meta_launch_url", metaLaunchUrl != null ? metaLaunchUrl : "");
    app.addProperty("meta_description", metaDescription != null ? metaDescription : "");
    app.addProperty("meta_publisher", metaPublisher != null ? metaPublisher : "");
    app.addProperty("open_in_new_tab", openInNewTab);
    return fake.add("/core/applications/", app);
  }

  /** Shows the name only. */
  @Override
  public String toString() {
    return "ApplicationSeed{name=" + name + "}";
  }
}
