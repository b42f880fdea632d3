package io.goauthentik.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.stream.JsonReader;
import io.goauthentik.client.model.User;
import io.goauthentik.client.model.UserRequest;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** How models print: every property shown, separated by ", ", whatever the values hold. */
class ToStringTest {
  @Test
  void aRequestValueEndingInABraceKeepsTheSeparator() {
    UserRequest request = UserRequest.builder().username("jdoe{").name("J. Doe").build();

    assertEquals("UserRequest{username=jdoe{, name=J. Doe}", request.toString());
  }

  @Test
  void aValueModelShowsEveryPropertyInOrder() throws IOException {
    User user = User.fromJson(new JsonReader(new StringReader("{\"pk\": 7, \"username\": \"jdoe{\", \"name\": \"J\"}")));

    String shown = user.toString();

    assertEquals("User{pk=7, username=jdoe{, name=J, ", shown.substring(0, "User{pk=7, username=jdoe{, name=J, ".length()));
  }
}
