/**
 * The SDK's hand-written core: sending, retrying, decoding, error mapping, logging. Not public API:
 * anything here may change in any release. Generated code in {@code api} and {@code model} calls it.
 */
package io.goauthentik.client.internal;
