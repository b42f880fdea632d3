package io.goauthentik.client.testkit;

import java.util.UUID;

/**
 * A group or a role of the fake, by name, immutable: made the first time a user is put in it. A role
 * has only a pk and a name; a group also its number ({@code num_pk}) and no parent.
 */
final class FakeGroup {
  final UUID pk;
  final int numPk;
  final String name;

  FakeGroup(UUID pk, int numPk, String name) {
    this.pk = pk;
    this.numPk = numPk;
    this.name = name;
  }
}
