package io.goauthentik.bench;

import io.goauthentik.client.model.RefreshToken;
import java.util.List;
import java.util.Objects;

/** A guard that the contenders decode the same values, so no benchmark measures a shortcut. */
final class Parsed {
  private Parsed() {
  }

  static void same(RefreshToken sdk, PlainRefreshToken plain, io.goauthentik.bench.stock.model.RefreshToken stock) {
    List<Object> a = List.of(sdk.getPk(), sdk.getExpires(), sdk.getIdToken(), sdk.getProvider().getName(),
        sdk.getUser().getUsername(), sdk.getUser().getUuid(), sdk.getUser().getLastLogin(),
        sdk.getUser().getType().getValue(), sdk.getUser().getGroupsObj().size());
    List<Object> b = List.of(plain.pk, plain.expires, plain.idToken, plain.provider.name,
        plain.user.username, plain.user.uuid, plain.user.lastLogin,
        plain.user.type.name().toLowerCase(java.util.Locale.ROOT), plain.user.groupsObj.size());
    List<Object> c = List.of(stock.getPk(), stock.getExpires(), stock.getIdToken(), stock.getProvider().getName(),
        stock.getUser().getUsername(), stock.getUser().getUuid(), stock.getUser().getLastLogin(),
        stock.getUser().getType().getValue(), stock.getUser().getGroupsObj().size());
    if (!Objects.equals(a, b) || !Objects.equals(a, c)) {
      throw new IllegalStateException("Contenders disagree:\n sdk   " + a + "\n plain " + b + "\n stock " + c);
    }
  }
}
