package io.goauthentik.client.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Small helpers the generated models call; kept here so the model template stays short. */
public final class ModelSupport {
  private static final String MASK = "****";

  private ModelSupport() {
  }

  /** What {@code toString()} shows for a secret: whether it is set, never its value. */
  public static String mask(Object secret) {
    return secret == null ? "null" : MASK;
  }

  /** Wraps a decoded list so a model stays immutable. */
  public static <T> List<T> readOnly(List<T> list) {
    return list == null ? null : Collections.unmodifiableList(list);
  }

  /** Wraps a decoded map so a model stays immutable. */
  public static <K, V> Map<K, V> readOnly(Map<K, V> map) {
    return map == null ? null : Collections.unmodifiableMap(map);
  }

  /** Converts raw enum strings to constants, keeping {@code null} as {@code null}. */
  public static <T> List<T> mapList(List<String> raw, Function<String, T> convert) {
    if (raw == null) {
      return null;
    }
    List<T> out = new ArrayList<>(raw.size());
    for (String value : raw) {
      out.add(convert.apply(value));
    }
    return Collections.unmodifiableList(out);
  }

  /** Adds one additional property, creating the map on first use. */
  public static Map<String, Object> put(Map<String, Object> map, String name, Object value) {
    Map<String, Object> target = map != null ? map : new LinkedHashMap<>();
    target.put(name, value);
    return target;
  }
}
