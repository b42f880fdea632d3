/**
 * authentik-client: a Java client for the REST API of authentik.
 *
 * <p>Start with {@link io.goauthentik.client.AuthentikClient}. The generated API classes are in
 * {@code io.goauthentik.client.api}, the models in {@code io.goauthentik.client.model}; everything
 * else is internal and not exported.
 */
module io.goauthentik.client {
  // Part of the public API, so a module that requires this one reads them too: OkHttpClient
  // (AuthentikClient.Builder#httpClient), Gson's JsonReader (the models' fromJson), and the
  // @Nullable on every getter.
  requires transitive okhttp3;
  requires transitive com.google.gson;
  requires transitive jakarta.annotation;

  exports io.goauthentik.client;
  exports io.goauthentik.client.api;
  exports io.goauthentik.client.model;
  exports io.goauthentik.client.revocation;
}
