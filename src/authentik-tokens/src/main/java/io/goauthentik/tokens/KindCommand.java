package io.goauthentik.tokens;

import picocli.CommandLine.Command;

/**
 * {@code refresh}, {@code access}, {@code codes}: a group of the commands for one kind of grant.
 * It runs nothing itself: without a subcommand it is a usage error.
 */
@Command
final class KindCommand {
}
