package io.goauthentik.client;

import java.util.Objects;

/**
 * What a call is, as a {@link CallObserver} sees it: nothing in it holds an id, a query value, a
 * body or the token, so each value is safe (and low-cardinality) as a metric tag or span attribute.
 */
public final class CallInfo {
  private final String operation;
  private final String method;
  private final String pathTemplate;
  private final String apiPath;
  private final String serverAddress;
  private final int serverPort;

  private CallInfo(String operation, String method, String pathTemplate, String apiPath, String serverAddress,
      int serverPort) {
    this.operation = Objects.requireNonNull(operation, "operation");
    this.method = Objects.requireNonNull(method, "method");
    this.pathTemplate = Objects.requireNonNull(pathTemplate, "pathTemplate");
    this.apiPath = Objects.requireNonNull(apiPath, "apiPath");
    this.serverAddress = Objects.requireNonNull(serverAddress, "serverAddress");
    this.serverPort = serverPort;
  }

  /**
   * A call's description, as the client makes it; for tests of observers.
   *
   * @param operation the operation id, such as {@code core_users_retrieve}
   * @param method the HTTP method, such as {@code GET}
   * @param pathTemplate the path below the API root, placeholders unfilled, such as {@code /core/users/{id}/}
   * @param apiPath the API root's path on the server, such as {@code /api/v3}
   * @param serverAddress the server's host name or IP address
   * @param serverPort the server's port
   * @return the description
   */
  public static CallInfo of(String operation, String method, String pathTemplate, String apiPath,
      String serverAddress, int serverPort) {
    return new CallInfo(operation, method, pathTemplate, apiPath, serverAddress, serverPort);
  }

  /**
   * The operation id of authentik's schema.
   *
   * @return such as {@code core_users_retrieve}; {@code unknown} for a request no operation made
   */
  public String operation() {
    return operation;
  }

  /**
   * The HTTP method.
   *
   * @return such as {@code GET}
   */
  public String method() {
    return method;
  }

  /**
   * The path below the API root with its placeholders unfilled.
   *
   * @return such as {@code /core/users/{id}/}
   */
  public String pathTemplate() {
    return pathTemplate;
  }

  /**
   * The API root's path on the server; with {@link #pathTemplate()} it makes the full path template.
   *
   * @return such as {@code /api/v3}
   */
  public String apiPath() {
    return apiPath;
  }

  /**
   * The server's host.
   *
   * @return a host name or IP address
   */
  public String serverAddress() {
    return serverAddress;
  }

  /**
   * The server's port.
   *
   * @return such as 443
   */
  public int serverPort() {
    return serverPort;
  }

  @Override
  public String toString() {
    return "CallInfo{" + operation + " " + method + " " + apiPath + pathTemplate + " on " + serverAddress + ":"
        + serverPort + "}";
  }
}
