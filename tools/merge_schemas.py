#!/usr/bin/env python3
"""Merges authentik's OpenAPI schemas of several releases into this SDK's contract, openapi.yaml.

    python3 tools/merge_schemas.py            # writes openapi.yaml, prints what changed between releases
    python3 tools/merge_schemas.py --check    # merges twice; fails unless both runs and openapi.yaml agree
    python3 tools/merge_schemas.py --details  # also lists every property added or removed per release
    python3 tools/merge_schemas.py --kit      # only writes the test kit's JSON copy of each release's schema
    python3 tools/merge_schemas.py --secrets  # lists the properties marked x-secret, by the rule that marks each
    python3 tools/merge_schemas.py --release-table  # README's table of what differs between releases

Run by hand when a release is added (src/authentik-client/src/test/resources/upstream/full/authentik-<release>.yml.gz);
the build never runs it. Needs Python 3 and PyYAML.

What the contract is: every operation and every property that any release has. Where releases
disagree, the contract takes the reading that accepts every release's answer:
- a property some release lacks is optional; one that some release declares nullable is nullable;
- enums hold every value of every release;
- a schema authentik renamed is merged under its newest name (RENAMES), and an operation whose
  response or body changed schema reads into the newest one, which gains the older one's properties;
- where the JSON shape of a value changed, the newest shape is declared and a vendor extension tells
  the generated reader to accept the older one too (SHAPES below lists each rule);
- this SDK's own names (README, "Compatibility") replace authentik's where they differ: TokenModel is read as
  RefreshToken or AccessToken by path, ExpiringBaseGrantModel as AuthorizationCode, and UserGroup
  and PartialGroup fold into one Group.
Descriptions are authentik's (the newest release's), with the releases a property or operation is
limited to; tools/contract-notes.yaml adds this SDK's own words and the extensions its templates use.
"""
import copy
import gzip
import os
import re
import sys
from collections import OrderedDict, defaultdict

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(ROOT, "src", "authentik-client", "src", "test", "resources", "upstream", "full")
NOTES = os.path.join(ROOT, "tools", "contract-notes.yaml")
OUT = os.path.join(ROOT, "openapi.yaml")
# The test kit's FakeAuthentik answers from each release's own schema: a slim JSON copy per release
# (paths and schemas, no prose), written next to openapi.yaml by every run (the kit has no YAML parser).
KIT_CONTRACTS = os.path.join(ROOT, "src", "authentik-client-testkit", "src", "main", "resources", "io", "goauthentik", "client", "testkit", "contract")

METHODS = ("get", "post", "put", "patch", "delete")

# authentik renamed these schemas between releases (the old name is gone when the new one appears);
# a release's schema is read under the new name. UserGroup and PartialGroup fold into Group: one
# model for a group, whether it comes with its members or without (this SDK names it Group).
RENAMES = {
    "AuthModeEnum": "EndpointAuthModeEnum",
    "AuthenticateWebAuthnStage": "AuthenticatorWebAuthnStage",
    "AuthenticateWebAuthnStageRequest": "AuthenticatorWebAuthnStageRequest",
    "PatchedAuthenticateWebAuthnStageRequest": "PatchedAuthenticatorWebAuthnStageRequest",
    "PaginatedAuthenticateWebAuthnStageList": "PaginatedAuthenticatorWebAuthnStageList",
    "ConsentStageModeEnum": "ConsentModeEnum",
    "Coordinate": "EventVolume",
    "GroupChild": "RelatedGroup",
    "GroupMember": "PartialUser",
    "MutualTLSStageModeEnum": "StageModeEnum",
    "NameIdPolicyEnum": "SAMLNameIDPolicyEnum",
    "NotificationTransportModeEnum": "TransportModeEnum",
    "PlexSourceConnection": "UserPlexSourceConnection",
    "PlexSourceConnectionRequest": "UserPlexSourceConnectionRequest",
    "PatchedPlexSourceConnectionRequest": "PatchedUserPlexSourceConnectionRequest",
    "PaginatedPlexSourceConnectionList": "PaginatedUserPlexSourceConnectionList",
    "SAMLProviderLogoutMethodEnum": "SAMLLogoutMethods",
    "SpBindingEnum": "SAMLBindingsEnum",
    "StateEnum": "TaskStatusEnum",
    "TaskStateEnum": "TaskStatusEnum",
    "UserGroup": "Group",
    "PartialGroup": "Group",
    "ExpiringBaseGrantModel": "AuthorizationCode",
    "PaginatedExpiringBaseGrantModelList": "PaginatedAuthorizationCodeList",
}
# Renames that fold two schemas of one release into one (their properties are merged).
FOLDS = {"PartialGroup": "Group"}
# TokenModel is the serializer of refresh and access tokens alike: named by the path it answers.
TOKEN_MODEL_BY_PATH = {
    "/oauth2/refresh_tokens/": ("RefreshToken", "PaginatedRefreshTokenList"),
    "/oauth2/access_tokens/": ("AccessToken", "PaginatedAccessTokenList"),
}
# Inline object schemas get a name of their own; these reuse a name authentik gave the same object
# in other releases.
HOISTED_NAMES = {("GeoIPPolicy", "countries_obj"): "DetailedCountryField"}

# Schemas whose older releases sent a bare string where the newer send the object: the string is
# this property of the object (x-from-string).
FROM_STRING = {"RedirectURI": "url", "PromptChoice": "value", "LogEvent": "event"}
# What a bare string also says about another property (x-from-string-value on it): before 2024.10 each
# line of redirect_uris was a regular expression (authentik matched it in full, and compared a line that
# is no valid expression as it is), which is matching_mode regex; read so, toRequest() sends it back unchanged.
FROM_STRING_VALUES = {("RedirectURI", "matching_mode"): "regex"}

# Secrets (x-secret: true, which toString() masks), decided per property by mark_secrets(): a property
# is secret when it is write-only (the server never shows it back), or is listed under `secrets` in
# contract-notes.yaml (reviewed: secrets its name does not show), or is named like a secret and holds
# text or free-form JSON (not an id, a date, a URL, a number or a flag), unless listed under
# `not-secrets` (reviewed: names that look secret but are not).
SECRET_NAME = re.compile(r"(^|_)(password|secret|token|key|keytab|passkey|auth|credentials)$|^(key_data|private_key|secret_key)$")
NOT_TEXT_FORMATS = ("uuid", "date-time", "date", "uri")


def version_key(release):
    return tuple(int(p) for p in release.split("."))


def releases():
    found = []
    for name in os.listdir(SOURCES):
        m = re.fullmatch(r"authentik-(\d+\.\d+\.\d+)\.yml\.gz", name)
        if m:
            found.append(m.group(1))
    return sorted(found, key=version_key)


def load(release):
    """A release's whole schema, with what its OAuth2 token cut (../oauth2-tokens-<release>.yml) adds.

    The cuts were taken from the same release line and some carry properties the whole schema
    lacks (2025.6.4: backchannel_logout_uri, last_updated, autocomplete); the fixtures send them."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with gzip.open(os.path.join(SOURCES, "authentik-%s.yml.gz" % release), "rt", encoding="utf-8") as f:
        doc = yaml.load(f, Loader=loader)
    cut_file = os.path.join(os.path.dirname(SOURCES), "oauth2-tokens-%s.yml" % release)
    if os.path.exists(cut_file):
        with open(cut_file, encoding="utf-8") as f:
            cut = yaml.load(f, Loader=loader)
        schemas = doc["components"]["schemas"]
        for name, s in cut["components"]["schemas"].items():
            schemas[name] = fold(schemas[name], s) if name in schemas else s
    return doc


def ref_name(ref):
    return ref.rsplit("/", 1)[-1]


def schema_ref(name):
    return "#/components/schemas/" + name


def walk(node, visit):
    """Calls visit on every dict below node, depth first."""
    if isinstance(node, dict):
        visit(node)
        for value in list(node.values()):
            walk(value, visit)
    elif isinstance(node, list):
        for value in node:
            walk(value, visit)


def rename_refs(node, names):
    def visit(d):
        if "$ref" in d and d["$ref"].startswith("#/components/schemas/"):
            old = ref_name(d["$ref"])
            if old in names:
                d["$ref"] = schema_ref(names[old])
        disc = d.get("discriminator")
        if isinstance(disc, dict) and "mapping" in disc:
            for key, ref in disc["mapping"].items():
                if ref_name(ref) in names:
                    disc["mapping"][key] = schema_ref(names[ref_name(ref)])
    walk(node, visit)


def camel(text):
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[_\-\s]+", text) if p)


# ---------------------------------------------------------------------------------------------
# One release, normalised: shared parameters and responses inlined, inline objects named,
# authentik's renames and this SDK's names applied.

def normalize(doc, release):
    comps = doc.setdefault("components", {})
    schemas = comps.setdefault("schemas", {})
    params = comps.get("parameters", {})
    responses = comps.get("responses", {})

    def inline(d):
        ref = d.get("$ref", "")
        if ref.startswith("#/components/parameters/"):
            target = copy.deepcopy(params[ref_name(ref)])
            d.clear()
            d.update(target)
        elif ref.startswith("#/components/responses/"):
            target = copy.deepcopy(responses[ref_name(ref)])
            d.clear()
            d.update(target)
    walk(doc["paths"], inline)
    comps.pop("parameters", None)
    comps.pop("responses", None)

    # TokenModel split by path.
    if "TokenModel" in schemas:
        for prefix, (model, page) in TOKEN_MODEL_BY_PATH.items():
            for path, item in doc["paths"].items():
                if path.startswith(prefix):
                    rename_refs(item, {"TokenModel": model, "PaginatedTokenModelList": page})
            schemas[model] = copy.deepcopy(schemas["TokenModel"])
            if "PaginatedTokenModelList" in schemas:
                page_schema = copy.deepcopy(schemas["PaginatedTokenModelList"])
                rename_refs(page_schema, {"TokenModel": model})
                schemas[page] = page_schema
        leftover = []
        walk(doc["paths"], lambda d: leftover.append(d) if d.get("$ref", "").endswith("/TokenModel") else None)
        if leftover:
            sys.exit("%s: TokenModel answers a path this script does not name" % release)
        schemas.pop("TokenModel")
        schemas.pop("PaginatedTokenModelList", None)

    # Inline objects get names, so that every model the generator sees is one this script describes.
    for name in list(schemas):
        for prop, ps in list((schemas[name].get("properties") or {}).items()):
            for holder, key, suffix in ((schemas[name]["properties"], prop, ""), (ps, "items", "Item")):
                target = holder.get(key)
                if isinstance(target, dict) and "properties" in target:
                    hoisted = HOISTED_NAMES.get((name, prop), name + camel(prop) + suffix)
                    body = {k: v for k, v in target.items() if k not in ("readOnly", "nullable", "description")}
                    body.setdefault("type", "object")
                    if hoisted in schemas and hoisted != HOISTED_NAMES.get((name, prop)):
                        sys.exit("%s: inline object %s.%s clashes with schema %s" % (release, name, prop, hoisted))
                    schemas[hoisted] = body
                    keep = {k: v for k, v in target.items() if k in ("readOnly", "nullable", "description")}
                    # Siblings of a $ref need a one-ref allOf in OpenAPI 3.0, as authentik writes them.
                    holder[key] = dict({"allOf": [{"$ref": schema_ref(hoisted)}]}, **keep) if keep \
                        else {"$ref": schema_ref(hoisted)}

    # authentik's renames.
    names = {}
    for old, new in RENAMES.items():
        if old in schemas:
            names[old] = new
    for old, new in names.items():
        old_schema = schemas.pop(old)
        if new in schemas and old not in FOLDS and not (old in ("UserGroup",) and new == "Group"):
            sys.exit("%s: %s and %s both exist; add it to FOLDS if they are one model" % (release, old, new))
        if new in schemas:
            schemas[new] = fold(schemas[new], old_schema)
        else:
            schemas[new] = old_schema
    rename_refs(doc, names)
    return doc


def fold(a, b):
    """Two schemas of one release as one: every property (or enum value) of both, required where both require it."""
    out = copy.deepcopy(a)
    if "enum" in a:
        out["enum"] = a["enum"] + [v for v in b.get("enum", []) if v not in a["enum"]]
        return out
    if "properties" not in a and "properties" not in b:
        return out
    props = out.setdefault("properties", {})
    for name, ps in (b.get("properties") or {}).items():
        props.setdefault(name, copy.deepcopy(ps))
    out["required"] = [r for r in a.get("required", []) if r in b.get("required", [])]
    return out


# ---------------------------------------------------------------------------------------------
# Shapes: what JSON a schema admits, for comparing releases.

def target(s):
    """The schema name behind a $ref or a one-ref allOf, else None."""
    if not isinstance(s, dict):
        return None
    if "$ref" in s:
        return ref_name(s["$ref"])
    if isinstance(s.get("allOf"), list) and len(s["allOf"]) == 1 and "$ref" in s["allOf"][0]:
        return ref_name(s["allOf"][0]["$ref"])
    return None


def shape(s, schemas):
    if s is None:
        return "none"
    t = target(s)
    if t:
        kind = "enum" if "enum" in schemas.get(t, {}) else "ref"
        return "%s:%s" % (kind, t)
    if "oneOf" in s or "anyOf" in s or "allOf" in s:
        return "composed"
    typ = s.get("type")
    if typ == "array":
        return "array<%s>" % shape(s.get("items"), schemas)
    if typ == "object":
        ap = s.get("additionalProperties")
        return "map<%s>" % (shape(ap, schemas) if isinstance(ap, dict) and ap else "any")
    if typ is None:
        return "any"
    fmt = s.get("format")
    if typ == "string" and fmt in ("date-time", "date", "uuid", "binary"):
        return "string/" + fmt
    if typ == "integer" and fmt == "int64":
        return "integer/int64"
    return typ


class Merger:
    def __init__(self, docs):
        self.docs = docs  # release -> normalised document, oldest first
        self.rels = list(docs)
        self.newest = self.rels[-1]
        self.notes = []   # what changed, for the report
        self.shape_notes = []
        self.absorbed = defaultdict(list)  # schema -> [(release, schema)] it also reads
        self.moved = defaultdict(list)  # (method, path, verb, old schema, new schema) -> releases
        self.absorb_pairs = set()  # (older, newer) schemas an operation answered or took in turn
        self.op_extensions = defaultdict(OrderedDict)  # (path, method) -> x- extensions of the operation

    def schemas(self, release):
        return self.docs[release]["components"]["schemas"]

    def life(self, name):
        return [r for r in self.rels if name in self.schemas(r)]

    def span(self, rels):
        """'2024.2.2 to 2025.6.4', 'all', ... for the releases a thing is in."""
        idx = [self.rels.index(r) for r in rels]
        if len(rels) == len(self.rels):
            return None
        if idx == list(range(idx[0], idx[-1] + 1)):
            if idx[-1] == len(self.rels) - 1:
                return "%s and later" % rels[0]
            if idx[0] == 0:
                return "up to %s" % rels[-1]
            return rels[0] if len(rels) == 1 else "%s to %s" % (rels[0], rels[-1])
        return ", ".join(rels)

    # --- operations ------------------------------------------------------------------------

    def operations(self):
        """(path, method) -> {release: operation}, over all releases."""
        ops = OrderedDict()
        for r in self.rels:
            for path, item in self.docs[r]["paths"].items():
                for method in METHODS:
                    if method in item:
                        ops.setdefault((path, method), OrderedDict())[r] = item[method]
        return ops

    def op_schema(self, op, kind):
        """The schema an operation's 2xx response (kind 'resp') or body ('body') names, and its content type."""
        if kind == "body":
            body = op.get("requestBody")
            if not body:
                return None, None
            ctype, content = next(iter(body["content"].items()))
            return content.get("schema"), ctype
        for code, resp in op["responses"].items():
            if code.startswith("2"):
                content = resp.get("content") or {}
                if "application/json" in content:
                    return content["application/json"].get("schema"), "application/json"
                if content:
                    ctype, c = next(iter(content.items()))
                    return c.get("schema"), ctype
                return None, None
        return None, None

    def absorb_changed_schemas(self, ops):
        """An operation that answers (or takes) another schema in older releases: the newest absorbs the older."""
        shapes = {}
        for key, by_rel in ops.items():
            for kind in ("resp", "body"):
                seen = []
                for r, op in by_rel.items():
                    s, _ = self.op_schema(op, kind)
                    seen.append((r, s))
                newest_s = seen[-1][1]
                if newest_s is None:
                    # 204 in the newest release: nothing to read
                    continue
                newest_t = target(newest_s) or target(newest_s.get("items")) if isinstance(newest_s, dict) else None
                for r, s in seen[:-1]:
                    if s is None:
                        if kind == "resp":
                            shapes.setdefault(key, set()).add(("empty", r))
                        continue
                    t = target(s) or (target(s.get("items")) if isinstance(s, dict) else None)
                    newest_is_array = isinstance(newest_s, dict) and newest_s.get("type") == "array"
                    is_array = isinstance(s, dict) and s.get("type") == "array"
                    if newest_is_array and not is_array and kind == "resp":
                        shapes.setdefault(key, set()).add(("single", r))
                    if t and newest_t and t != newest_t:
                        self.absorb(newest_t, r, self.schemas(r)[t])
                        self.absorb_pairs.add((t, newest_t))
                        self.moved[(key[1].upper(), key[0], "answers" if kind == "resp" else "takes", t, newest_t)].append(r)
        return shapes

    def merge_operations(self):
        ops = self.operations()
        op_shapes = self.absorb_changed_schemas(ops)
        ids = defaultdict(list)
        for key, by_rel in ops.items():
            ids[list(by_rel.values())[-1]["operationId"]].append(key)
        paths = {}
        for key in sorted(ops, key=lambda k: (k[0], METHODS.index(k[1]))):
            by_rel = ops[key]
            path, method = key
            last_rel = list(by_rel)[-1]
            newest = by_rel[last_rel]
            op_id = newest["operationId"]
            rels = list(by_rel)
            if len(ids[op_id]) > 1:
                # The same id on two paths: authentik moved the operation. The newest path keeps the id.
                latest = max(ids[op_id], key=lambda k: version_key(list(ops[k])[-1]))
                if key != latest:
                    op_id = op_id + "_legacy"
                    self.notes.append("%s %s: %s until %s, now %s; this path is %s" % (
                        method.upper(), path, newest["operationId"], rels[-1], latest[0], op_id))
            renamed = sorted({o["operationId"] for o in by_rel.values()} - {newest["operationId"]})
            out = OrderedDict()
            out["operationId"] = op_id
            for k in ("summary", "description"):
                if newest.get(k):
                    out[k] = newest[k].strip()
            limited = self.span(rels)
            extra = []
            if limited:
                extra.append("In authentik %s." % limited)
            if renamed:
                extra.append("Called %s in earlier releases." % ", ".join(renamed))
            if extra:
                out["description"] = (out.get("description", out.get("summary", "")) + "\n\n" + " ".join(extra)).strip()
            out["tags"] = list(newest.get("tags") or ["root"])[:1]
            params = self.merge_parameters(by_rel)
            if params:
                out["parameters"] = params
            body = self.merge_body(by_rel)
            if body:
                out["requestBody"] = body
            out["responses"] = self.merge_responses(key, by_rel, op_shapes.get(key, set()))
            out.update(self.op_extensions.get(key, {}))
            out["x-releases"] = self.release_range(rels)
            sec = newest.get("security")
            if sec is not None and sec != [{"authentik": []}]:
                out["security"] = sec
            paths.setdefault(path, OrderedDict())[method] = out
        return paths

    def merge_parameters(self, by_rel):
        found = OrderedDict()
        order = []
        for r, op in reversed(list(by_rel.items())):
            for p in op.get("parameters") or []:
                k = (p["in"], p["name"])
                if k not in found:
                    order.append(k)
                found.setdefault(k, []).insert(0, (r, p))
        out = []
        for k in order:
            variants = found[k]
            newest = copy.deepcopy(variants[-1][1])
            schema = self.merge_value([(r, p.get("schema", {})) for r, p in variants], "parameter " + k[1])
            newest["schema"] = schema
            required = k[0] == "path" or (len(variants) == len(by_rel) and all(p.get("required") for _, p in variants))
            if required:
                newest["required"] = True
            else:
                newest.pop("required", None)
            rels = [r for r, _ in variants]
            limited = self.span(rels) if len(rels) < len(by_rel) else None
            desc = (newest.get("description") or "").strip()
            if limited:
                desc = (desc + " In authentik %s." % limited).strip()
            if desc:
                newest["description"] = desc
            else:
                newest.pop("description", None)
            out.append(newest)
        return out

    def merge_body(self, by_rel):
        bodies = [(r, op["requestBody"]) for r, op in by_rel.items() if op.get("requestBody")]
        if not bodies:
            return None
        newest = copy.deepcopy(bodies[-1][1])
        ctype = next(iter(newest["content"]))
        if ctype == "application/json":
            # The body is sent whenever every release takes one (a PATCH's too, with what the caller
            # set): a method argument. Where older releases take none, it is optional, not sent unset.
            if len(bodies) == len(by_rel):
                newest["required"] = True
            else:
                newest.pop("required", None)
                newest["description"] = "In authentik %s; older releases take no body." % self.span([r for r, _ in bodies])
        return newest

    def merge_responses(self, key, by_rel, shapes):
        newest = list(by_rel.values())[-1]
        out = OrderedDict()
        for code, resp in newest["responses"].items():
            r = copy.deepcopy(resp)
            if code in ("204", "205") and r.get("content"):
                # No body by HTTP (a client refuses one); authentik declares one for a flow import.
                del r["content"]
                self.shape_notes.append("%s %s: a %s with a body in authentik's schema; no body here" % (
                    key[1].upper(), key[0], code))
            if code.startswith("2"):
                r["description"] = (r.get("description") or "").strip() or "Success."
                content = r.get("content") or {}
                json_ct = content.get("application/json")
                if json_ct is not None:
                    s = json_ct.get("schema", {})
                    if s.get("type") == "string" and s.get("format") == "binary":
                        r["content"] = {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
                    elif key[0] == "/schema/":
                        # The API's own OpenAPI document: YAML or JSON text, as the format parameter asks.
                        r["content"] = {"application/json": {"schema": {"type": "string"}}}
                        self.op_extensions[key]["x-raw-text"] = True
                    else:
                        r["content"] = {"application/json": json_ct}
                if any(kind == "single" for kind, _ in shapes):
                    self.op_extensions[key]["x-or-single"] = True
                    self.shape_notes.append("%s %s: a single object in %s, an array later: read as a one-item list" % (
                        key[1].upper(), key[0], ", ".join(sorted(r2 for k2, r2 in shapes if k2 == "single"))))
                if any(kind == "empty" for kind, _ in shapes) and r.get("content"):
                    self.op_extensions[key]["x-empty-body"] = True
                    self.shape_notes.append("%s %s: no body in %s, one later: read as %s" % (
                        key[1].upper(), key[0], ", ".join(sorted(r2 for k2, r2 in shapes if k2 == "empty")),
                        "an empty list" if "array" in str(r.get("content")) else "null"))
                out[code] = r
        # Errors: the bodies every authentik release sends (README's table).
        has_path_params = "{" in key[0]
        lists = any("Paginated" in str(self.op_schema(o, "resp")[0]) for o in by_rel.values())
        out["400"] = {"$ref": "#/components/responses/ValidationErrorResponse"}
        out["403"] = {"$ref": "#/components/responses/PermissionDeniedResponse"}
        if has_path_params:
            out["404"] = {"$ref": "#/components/responses/NotFoundResponse"}
        elif lists:
            out["404"] = {"$ref": "#/components/responses/InvalidPageResponse"}
        return out

    # --- schemas ---------------------------------------------------------------------------

    def absorb(self, name, release, schema):
        if all(s is not schema for _, s in self.absorbed[name]):
            self.absorbed[name].append((release, schema))

    def merge_schemas(self):
        # Twice: merging a property can make one schema absorb another, already merged in the first pass.
        self.merge_schemas_once()
        return self.merge_schemas_once()

    def merge_schemas_once(self):
        names = set()
        for r in self.rels:
            names |= set(self.schemas(r))
        out = {}
        for name in sorted(names):
            variants = [(r, self.schemas(r)[name]) for r in self.rels if name in self.schemas(r)]
            out[name] = self.merge_schema(name, variants)
        return out

    def merge_schema(self, name, variants):
        newest_r, newest = variants[-1]
        if "enum" in newest:
            values = []
            for _, s in reversed(variants):
                for v in s.get("enum", []):
                    if v not in values:
                        values.append(v)
            for _, s in self.absorbed.get(name, []):
                for v in s.get("enum", []):
                    if v not in values:
                        values.append(v)
            out = copy.deepcopy(newest)
            out["enum"] = values
            self.describe_enum(name, variants, out)
            return out
        if "oneOf" in newest:
            out = copy.deepcopy(newest)
            mapping = OrderedDict()
            refs = []
            for _, s in reversed(variants):
                for k, v in (s.get("discriminator", {}).get("mapping") or {}).items():
                    mapping.setdefault(k, v)
                for o in s["oneOf"]:
                    if o not in refs:
                        refs.append(o)
            out["oneOf"] = sorted(refs, key=lambda o: o["$ref"])
            if "discriminator" in out:
                out["discriminator"]["mapping"] = OrderedDict(sorted(mapping.items()))
            return out
        # Oldest first (merge_value takes the last as the newest); what was absorbed comes before the
        # schema's own variant of the same release.
        all_variants = sorted([(r, s, 0) for r, s in self.absorbed.get(name, [])] + [(r, s, 1) for r, s in variants],
                              key=lambda v: (version_key(v[0]), v[2]))
        all_variants = [(r, s) for r, s, _ in all_variants]
        props = OrderedDict()
        for r, s in reversed(variants):
            for p in s.get("properties") or {}:
                props.setdefault(p, None)
        for r, s in self.absorbed.get(name, []):
            for p in s.get("properties") or {}:
                props.setdefault(p, None)
        out = OrderedDict()
        for k, v in newest.items():
            if k not in ("properties", "required"):
                out[k] = copy.deepcopy(v)
        out.setdefault("type", "object")
        merged_props = OrderedDict()
        required = []
        schema_rels = [r for r, _ in variants]
        for p in props:
            pv = [(r, s["properties"][p]) for r, s in all_variants if p in (s.get("properties") or {})]
            merged = self.merge_value(pv, "%s.%s" % (name, p))
            shapes = self.shape_ranges(pv)
            if len(shapes) > 1:
                merged = self.with_extension(merged, "x-shapes", shapes)
            in_rels = sorted({r for r, s in variants if p in (s.get("properties") or {})}, key=version_key)
            everywhere = len(in_rels) == len(schema_rels) and not self.absorbed.get(name)
            if everywhere and all(p in (s.get("required") or []) for _, s in variants):
                required.append(p)
            limited = self.span(in_rels) if in_rels and len(in_rels) < len(schema_rels) else None
            if limited or (not in_rels and self.absorbed.get(name)):
                note = "In authentik %s." % limited if in_rels else "Sent by older releases only."
                merged = self.with_description(merged, note)
            merged_props[p] = merged
        if merged_props:
            out["properties"] = merged_props
        if required:
            out["required"] = required
        if "additionalProperties" in newest and not merged_props:
            pass
        return out

    def describe_enum(self, name, variants, out):
        first = OrderedDict()
        for r, s in variants:
            for v in s.get("enum", []):
                first.setdefault(v, r)
        later = [v for v, r in first.items() if r != variants[0][0]]
        if later and len(variants) > 1:
            pass

    def release_range(self, rels):
        """x-releases: the first and last sampled release that have a thing (last null: the newest has it),
        and the sampled releases next to them that lack it (null: none), which say where its absence is
        certain. An operation's releases are contiguous (the merge checks)."""
        idx = [self.rels.index(r) for r in rels]
        if idx != list(range(idx[0], idx[-1] + 1)):
            sys.exit("releases with a gap, which x-releases cannot say: %s" % ", ".join(rels))
        return OrderedDict([
            ("first", rels[0]),
            ("last", None if rels[-1] == self.newest else rels[-1]),
            ("before", self.rels[idx[0] - 1] if idx[0] > 0 else None),
            ("after", self.rels[idx[-1] + 1] if idx[-1] + 1 < len(self.rels) else None)])

    def shape_ranges(self, variants):
        """x-shapes: each JSON shape a property has had, oldest first, with the first and last sampled release of it."""
        by_shape = OrderedDict()
        for r, s in variants:
            by_shape.setdefault(shape(s, self.schemas(r)), []).append(r)
        out = []
        for k, rels in by_shape.items():
            rels = sorted(set(rels), key=version_key)
            out.append(OrderedDict([("shape", k), ("first", rels[0]),
                                    ("last", None if rels[-1] == self.newest else rels[-1])]))
        return sorted(out, key=lambda e: version_key(e["first"]))

    @staticmethod
    def with_extension(schema, key, value):
        out = copy.deepcopy(schema)
        if "$ref" in out:
            # A $ref takes no siblings in OpenAPI 3.0: a one-ref allOf carries the extension.
            out = OrderedDict([("allOf", [{"$ref": out.pop("$ref")}])] + list(out.items()))
        out[key] = value
        return out

    @staticmethod
    def with_description(schema, note):
        out = copy.deepcopy(schema)
        if "$ref" in out:
            # A $ref takes no siblings in OpenAPI 3.0: a one-ref allOf carries the description.
            out = OrderedDict([("allOf", [{"$ref": out.pop("$ref")}])] + list(out.items()))
        desc = (out.get("description") or "").strip()
        out["description"] = (desc + " " + note).strip() if desc else note
        return out

    def merge_value(self, variants, where):
        """One property's (or parameter's) schema over the releases that have it: [(release, schema)], oldest first."""
        shapes = OrderedDict()
        for r, s in variants:
            shapes.setdefault(shape(s, self.schemas(r)), []).append((r, s))
        newest_r, newest = variants[-1]
        if len(shapes) == 1:
            return self.combine(variants)
        keys = list(shapes)
        newest_shape = shape(newest, self.schemas(newest_r))
        rest = [k for k in keys if k != newest_shape]
        rels_of = lambda k: self.span([r for r, _ in shapes[k]]) or "all"

        def note(text):
            self.shape_notes.append("%s: %s" % (where, text))

        base = self.combine(shapes[newest_shape])
        # The nullable of every release.
        if any(s.get("nullable") for _, s in variants):
            base = self.nullable(base)
        for k in rest:
            if {k, newest_shape} == {"integer", "string"}:
                if newest_shape == "integer":
                    base = self.combine(shapes[k])
                note("integer in %s, string in %s: a string (numbers read as their text)" % (
                    rels_of("integer"), rels_of("string")))
            elif {k, newest_shape} == {"integer", "number"}:
                # Sent: an integer is valid for every release. Read: any number.
                sent = where.startswith("parameter ") or where.split(".")[0].endswith("Request")
                base = self.combine(shapes["integer" if sent else "number"])
                note("number in %s, integer in %s: %s" % (rels_of("number"), rels_of("integer"),
                                                          "an integer (sent)" if sent else "a number (read)"))
            elif k == "any" and newest_shape.startswith("map<"):
                base = {k2: v for k2, v in base.items() if k2 not in ("type", "additionalProperties")}
                note("any JSON in %s, an object in %s: any JSON (an object where the type is declared)" % (
                    rels_of(k), rels_of(newest_shape)))
            elif k == "string" and newest_shape.startswith("array<ref:") and newest_shape[10:-1] in FROM_STRING \
                    and not where.split(".")[0].endswith("Request"):
                base["x-or-newline-separated"] = True
                note("one string with an item per line in %s, an array in %s: both read as the array" % (
                    rels_of(k), rels_of(newest_shape)))
            elif k == "array<string>" and newest_shape.startswith("array<ref:") and newest_shape[10:-1] in FROM_STRING:
                note("strings in %s, objects in %s: a string reads as an object with only %s set" % (
                    rels_of(k), rels_of(newest_shape), FROM_STRING[newest_shape[10:-1]]))
            elif k.startswith("ref:") and newest_shape in ("string/uuid", "string", "integer"):
                base["x-or-object-key"] = "pk"
                note("an object (%s) in %s, its pk in %s: an object reads as its pk" % (
                    k[4:], rels_of(k), rels_of(newest_shape)))
            elif re.fullmatch(r"(array<)*string>*", k) and re.fullmatch(r"(array<)*enum:\w+>*", newest_shape) \
                    and k.count("array") == newest_shape.count("array"):
                note("strings in %s, enum %s in %s: the enum (the raw string is kept)" % (
                    rels_of(k), newest_shape, rels_of(newest_shape)))
            elif re.fullmatch(r"(array<)*enum:\w+>*", k) and re.fullmatch(r"(array<)*string>*", newest_shape) \
                    and k.count("array") == newest_shape.count("array"):
                note("enum %s in %s, strings in %s: strings" % (k, rels_of(k), rels_of(newest_shape)))
            elif k.startswith("enum:") and newest_shape.startswith("enum:"):
                self.absorb(newest_shape[5:], shapes[k][-1][0], self.schemas(shapes[k][-1][0])[k[5:]])
                note("enum %s in %s, %s in %s: %s, with the values of both" % (
                    k[5:], rels_of(k), newest_shape[5:], rels_of(newest_shape), newest_shape[5:]))
            elif k.startswith("ref:") and newest_shape.startswith("ref:"):
                old, new = k[4:], newest_shape[4:]
                old_props = set(self.schemas(shapes[k][-1][0])[old].get("properties") or {})
                new_props = set(self.schemas(newest_r)[new].get("properties") or {})
                if new_props <= old_props and (old, new) not in self.absorb_pairs:
                    # The newer is a cut-down view of the older (a token's generic provider): the older reads both.
                    base = self.retarget(base, old)
                    note("%s in %s, %s (a subset of its properties) in %s: %s" % (
                        old, rels_of(k), new, rels_of(newest_shape), old))
                else:
                    self.absorb(new, shapes[k][-1][0], self.schemas(shapes[k][-1][0])[old])
                    note("%s in %s, %s in %s: %s, with %s's properties too" % (
                        old, rels_of(k), new, rels_of(newest_shape), new, old))
            elif k.startswith("array<ref:") and newest_shape.startswith("array<ref:"):
                old, new = k[10:-1], newest_shape[10:-1]
                old_props = set(self.schemas(shapes[k][-1][0])[old].get("properties") or {})
                new_props = set(self.schemas(newest_r)[new].get("properties") or {})
                if new_props <= old_props and old_props != new_props and (old, new) not in self.absorb_pairs:
                    base = copy.deepcopy(base)
                    base["items"] = self.retarget(base["items"], old)
                    note("items %s in %s, %s (a subset) in %s: %s" % (old, rels_of(k), new, rels_of(newest_shape), old))
                else:
                    self.absorb(new, shapes[k][-1][0], self.schemas(shapes[k][-1][0])[old])
                    note("items %s in %s, %s in %s: %s, with %s's properties too" % (
                        old, rels_of(k), new, rels_of(newest_shape), new, old))
            elif k in ("array<map<any>>", "map<any>") and newest_shape.startswith(("array<ref:", "ref:")):
                note("free-form objects in %s, %s in %s: the model (an object either way)" % (
                    rels_of(k), newest_shape, rels_of(newest_shape)))
            elif where.split(".")[0].endswith("Request"):
                note("%s in %s, %s in %s: sent in the newest shape only" % (
                    k, rels_of(k), newest_shape, rels_of(newest_shape)))
            else:
                sys.exit("%s: no rule for the shape change %s (%s) -> %s (%s)" % (
                    where, k, rels_of(k), newest_shape, rels_of(newest_shape)))
        return base

    @staticmethod
    def retarget(s, name):
        out = copy.deepcopy(s)
        if "$ref" in out:
            out["$ref"] = schema_ref(name)
        else:
            out["allOf"] = [{"$ref": schema_ref(name)}]
        return out

    @staticmethod
    def nullable(s):
        out = copy.deepcopy(s)
        if "$ref" in out:
            ref = out.pop("$ref")
            out = OrderedDict([("allOf", [{"$ref": ref}])] + list(out.items()))
        out["nullable"] = True
        return out

    def combine(self, variants):
        """Same-shaped schemas of several releases as one: the newest, loosened to admit every release's values."""
        out = copy.deepcopy(variants[-1][1])
        if any(s.get("nullable") for _, s in variants):
            out = self.nullable(out)
        for key, pick in (("maxLength", max), ("maximum", max), ("minLength", min), ("minimum", min)):
            values = [s.get(key) for _, s in variants]
            if any(v is None for v in values):
                out.pop(key, None)
            else:
                out[key] = pick(values)
        if all(not s.get("readOnly") for _, s in variants):
            out.pop("readOnly", None)
        if not all(s.get("writeOnly") for _, s in variants):
            out.pop("writeOnly", None)
        formats = {s.get("format") for _, s in variants}
        if len(formats) > 1:
            out.pop("format", None)
        if "enum" in out:
            values = []
            for _, s in reversed(variants):
                for v in s.get("enum") or []:
                    if v not in values:
                        values.append(v)
            out["enum"] = values
        if out.get("type") == "array" and all(isinstance(s.get("items"), dict) for _, s in variants):
            out["items"] = self.merge_value([(r, s["items"]) for r, s in variants], "items")
        return out


# ---------------------------------------------------------------------------------------------
# The vendor extensions the templates read, and what can be reached from where.

def refs_in(node):
    found = []
    walk(node, lambda d: found.append(ref_name(d["$ref"])) if "$ref" in d else None)
    return found


def reachable(schemas, roots):
    seen = set()
    todo = list(roots)
    while todo:
        n = todo.pop()
        if n in seen or n not in schemas:
            continue
        seen.add(n)
        todo.extend(refs_in(schemas[n]))
    return seen


def decorate(doc):
    schemas = doc["components"]["schemas"]
    # A form's fields are the operation's parameters (a file upload): its schema is inlined, so that
    # no request model is made for it.
    forms = set()
    for item in doc["paths"].values():
        for op in item.values():
            form = ((op.get("requestBody") or {}).get("content") or {}).get("multipart/form-data")
            if form and "$ref" in form["schema"]:
                forms.add(ref_name(form["schema"]["$ref"]))
                form["schema"] = copy.deepcopy(schemas[ref_name(form["schema"]["$ref"])])
    read_roots, write_roots = [], []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            for code, resp in op["responses"].items():
                read_roots += refs_in(resp)
            if "requestBody" in op:
                write_roots += refs_in(op["requestBody"])
            write_roots += refs_in(op.get("parameters") or [])
            # A paginated list operation names its item type for iterateAll().
            ok = next((r for c, r in op["responses"].items() if c.startswith("2")), {})
            s = ((ok.get("content") or {}).get("application/json") or {}).get("schema") or {}
            t = target(s)
            if t and t.startswith("Paginated") and t in schemas:
                item_ref = schemas[t]["properties"]["results"]["items"]
                op["x-paginated-item"] = target(item_ref)
    read = reachable(schemas, read_roots + ["GenericError", "ValidationError"])
    write = reachable(schemas, write_roots)
    dropped = sorted(set(schemas) - read - write)
    for n in dropped:
        del schemas[n]
    for name, s in schemas.items():
        if "enum" in s:
            continue
        if name in write:
            # request_type.mustache keeps which properties were set as the bits of one long.
            if len(s.get("properties") or {}) > 64:
                sys.exit(f"{name} has more than 64 properties: request_type.mustache needs a BitSet")
            s["x-request"] = True
            if name in read:
                s["x-response"] = True
        if name.startswith("Paginated") and "results" in (s.get("properties") or {}):
            s["x-paginated-item"] = target(s["properties"]["results"]["items"])
    for name, s in schemas.items():
        if "oneOf" in s:
            s["x-one-of"] = True
            for o in s["oneOf"]:
                variant = schemas[ref_name(o["$ref"])]
                impl = variant.setdefault("x-one-of-parents", [])
                java_name = name[:1].upper() + name[1:]  # the generator's class name (modelRequest)
                if java_name not in impl:
                    impl.append(java_name)
                    impl.sort()
    for name, prop in FROM_STRING.items():
        if name in schemas:
            schemas[name]["x-from-string"] = prop
    for (name, prop), value in FROM_STRING_VALUES.items():
        schemas[name]["properties"][prop]["x-from-string-value"] = value
    return dropped



def java_type_key(s, schemas):
    """What decides a property's Java type: its shape, and the format of a number."""
    key = shape(s, schemas)
    if key in ("number", "integer"):
        key += "/" + str(s.get("format"))
    return key


def request_pairs(doc):
    """A response model X whose request model is XRequest gets toRequest() (to_request.mustache): x-request-model
    names the request, the properties only the request has (write-only, left unset) and those whose types
    cannot convert; x-to-request marks each property the builder is filled with: as it is, or, for a
    model (or a list of models) whose request is its name plus Request, with its own toRequest().build().
    Returns the pairs, for the report."""
    schemas = doc["components"]["schemas"]
    pairs = []
    for name, s in schemas.items():
        req = schemas.get(name + "Request")
        if not req or not req.get("x-request") or s.get("x-request") or "properties" not in s:
            continue
        props = s["properties"]
        write_only, left_out = [], []
        for p, qs in (req.get("properties") or {}).items():
            if p not in props:
                write_only.append(p)
                continue
            mine, theirs = java_type_key(props[p], schemas), java_type_key(qs, schemas)
            same = mine == theirs and not mine.startswith("ref:") and mine != "composed"
            nested = (mine.startswith("ref:") and theirs == mine + "Request") or (
                mine.startswith("array<ref:") and theirs == mine[:-1] + "Request>")
            if not (same or nested):
                left_out.append("%s (%s here, %s in the request)" % (p, mine.split(":")[-1], theirs.split(":")[-1]))
                continue
            ps = props[p]
            if "$ref" in ps:  # a $ref takes no siblings in OpenAPI 3.0: a one-ref allOf carries the extension
                ps = props[p] = OrderedDict([("allOf", [{"$ref": ps.pop("$ref")}])] + list(ps.items()))
            ps["x-to-request"] = True
        s["x-request-model"] = OrderedDict([("requestClass", name + "Request"), ("writeOnly", write_only),
                                            ("leftOut", left_out)])
        pairs.append((name, write_only, left_out))
    return pairs


# How an older shape of a request body's property is written (x-write-shapes), by its older and newer
# shape; a pair not listed here, nor known to send the same JSON, stops the merge.
WRITE_SHAPES = {
    # redirect_uris before 2024.10: one string, a line per URI (each a regular expression the whole
    # redirect URI must match).
    ("string", "array<ref:RedirectURIRequest>"): "newline-separated",
    # Numbers in older releases, text in newer (one-time codes, an email token's expiry).
    ("integer", "string"): "integer",
}
# Where the property's meaning decides: an email stage's token_expiry, minutes up to 2024.10, a duration
# ("hours=1;minutes=30") later.
WRITE_SHAPES_BY_PROPERTY = {"token_expiry": "minutes"}


def same_json_written(old, new):
    """Whether a value of the newer shape is also valid JSON for the older: any JSON for an object,
    strings for an enum (and back)."""
    strings = re.compile(r"(array<)*(string|enum:\w+)>*")
    if old == "any" and new.startswith("map<"):
        return True
    return bool(strings.fullmatch(old) and strings.fullmatch(new) and old.count("array") == new.count("array"))


def write_shapes(doc):
    """x-write-shapes on each operation whose JSON body has a property older releases take in another
    shape: the property, the shape it is sent in (WRITE_SHAPES), the last sampled release with that shape
    and the first with the newer one; for a oneOf body, the discriminator value the rule applies to.
    Returns {schema.property: rule} for the report."""
    schemas = doc["components"]["schemas"]
    found = OrderedDict()

    def rules(name, when):
        out = []
        for p, ps in (schemas[name].get("properties") or {}).items():
            shapes = ps.get("x-shapes") or []
            newest = shapes[-1] if shapes else None
            for older in shapes[:-1]:
                if same_json_written(older["shape"], newest["shape"]):
                    continue
                kind = WRITE_SHAPES_BY_PROPERTY.get(p) or WRITE_SHAPES.get((older["shape"], newest["shape"]))
                if kind is None:
                    sys.exit("%s.%s: no write rule for %s -> %s" % (name, p, older["shape"], newest["shape"]))
                rule = OrderedDict([("property", p), ("sent-as", kind), ("until", older["last"]),
                                    ("since", newest["first"])] + (list(when.items()) if when else []))
                found["%s.%s" % (name, p)] = rule
                out.append(rule)
        return out

    for item in doc["paths"].values():
        for op in item.values():
            content = (op.get("requestBody") or {}).get("content") or {}
            body = (content.get("application/json") or {}).get("schema") or {}
            name = target(body)
            if not name:
                continue
            s = schemas[name]
            if "oneOf" in s:
                prop = s["discriminator"]["propertyName"]
                got = []
                for value, ref in s["discriminator"]["mapping"].items():
                    got += rules(ref_name(ref), OrderedDict([("when-property", prop), ("when-value", value)]))
            else:
                got = rules(name, None)
            if got:
                op["x-write-shapes"] = got
    return found


# How authentik's filters match a list's query parameters (django-filter's lookups), for their Javadoc.
LOOKUPS = {
    "exact": "Only results whose %s is exactly this value (case-sensitive).",
    "iexact": "Only results whose %s is this value, ignoring case.",
    "contains": "Only results whose %s contains this text (case-sensitive).",
    "icontains": "Only results whose %s contains this text, ignoring case.",
    "startswith": "Only results whose %s starts with this text (case-sensitive).",
    "istartswith": "Only results whose %s starts with this text, ignoring case.",
    "gt": "Only results whose %s is greater than (after) this value.",
    "gte": "Only results whose %s is this value or greater (later).",
    "lt": "Only results whose %s is less than (before) this value.",
    "lte": "Only results whose %s is this value or less (earlier).",
    "isnull": "true: only results without a %s; false: only results with one.",
    "in": "Only results whose %s is one of these values.",
}
SEARCH = ("A search term: results that contain it, ignoring case, in any of the fields this list searches; "
          "not an exact match.")


def describe_filters(doc, notes):
    """A query parameter whose description says nothing of how it matches gets the words of its lookup:
    a django-filter name (field__icontains, ...) says it; search is DRF's contains-search; the filters
    section of contract-notes.yaml names the lookups read in authentik's FilterSets ("exact" or
    "startswith path": a lookup and the field's words) or says it in a sentence."""
    said = copy.deepcopy(notes.get("filters") or {})
    for item in doc["paths"].values():
        for op in item.values():
            own = said.pop(op["operationId"], {})
            for p in op.get("parameters") or []:
                if p.get("in") != "query":
                    continue
                desc = p.get("description") or ""
                release = desc[desc.find("In authentik "):] if "In authentik " in desc else ""
                words = own.pop(p["name"], None)
                m = re.fullmatch(r"(\w+?)__(%s)" % "|".join(LOOKUPS), p["name"])
                if words is None and desc == "A search term." and p["name"] == "search":
                    words = SEARCH
                elif words is None and m and desc == release:
                    words = "%s %s" % (m.group(2), m.group(1))
                if words is None:
                    continue
                lookup, _, field = words.partition(" ")
                if lookup in LOOKUPS:
                    words = LOOKUPS[lookup] % (field or p["name"]).replace("__", "'s ").replace("_", " ")
                p["description"] = (words + " " + release).strip()
            if own:
                sys.exit("contract-notes.yaml filters: %s has no query parameter %s" % (op["operationId"], ", ".join(own)))
    if said:
        sys.exit("contract-notes.yaml filters: no operation %s" % ", ".join(said))

# The exception the SDK throws for an error status (README's table, "Exceptions"): x-exception, for the Javadoc's @throws.
EXCEPTIONS = {"400": "ValidationException", "403": "PermissionDeniedException", "404": "NotFoundException"}
# name: (description, body schema, its exception)
ERROR_RESPONSES = OrderedDict([
    ("ValidationErrorResponse", ("The request was rejected as invalid: the body says why, per field.", "ValidationError",
                                 "ValidationException")),
    ("PermissionDeniedResponse", ("The bearer token is missing or invalid, or lacks permission (authentik answers 403, not 401).",
                                  "GenericError", "PermissionDeniedException")),
    ("NotFoundResponse", ("No such object, or one the token may not see.", "GenericError", "NotFoundException")),
    ("InvalidPageResponse", ("The page number is past the last page.", "GenericError", "NotFoundException")),
])


def shared_parameters(doc):
    """Query parameters that many operations declare alike become components/parameters, referenced."""
    counts = defaultdict(int)
    key = lambda p: yaml.safe_dump(p, sort_keys=True)
    for item in doc["paths"].values():
        for op in item.values():
            for p in op.get("parameters") or []:
                if p["in"] == "query":
                    counts[key(p)] += 1
    shared = OrderedDict()
    for item in doc["paths"].values():
        for op in item.values():
            params = op.get("parameters") or []
            for i, p in enumerate(params):
                k = key(p)
                if p["in"] == "query" and counts[k] >= 20:
                    name = shared.get(k) or "Query" + camel(p["name"])
                    while name in shared.values() and shared.get(k) != name:
                        name += "_"
                    shared[k] = name
                    params[i] = {"$ref": "#/components/parameters/" + name}
    comps = doc["components"]
    comps["parameters"] = OrderedDict(sorted((name, yaml.safe_load(k)) for k, name in shared.items()))
    comps["responses"] = OrderedDict(
        (name, {"description": desc, "content": {"application/json": {"schema": {"$ref": schema_ref(model)}}},
                "x-exception": exception})
        for name, (desc, model, exception) in ERROR_RESPONSES.items())


def apply_notes(doc, notes):
    """tools/contract-notes.yaml: this SDK's descriptions and extensions, deep-merged over the merge."""
    def deep(dst, src):
        for k, v in src.items():
            if isinstance(v, dict) and isinstance(dst.get(k), dict) and "$ref" not in dst[k]:
                deep(dst[k], v)
            else:
                dst[k] = copy.deepcopy(v)
    ops = {op["operationId"]: op for item in doc["paths"].values() for op in item.values()}
    order = ("operationId", "summary", "description", "tags", "parameters", "requestBody", "responses")
    for op_id, change in (notes.get("operations") or {}).items():
        if op_id not in ops:
            sys.exit("contract-notes.yaml: no operation %s" % op_id)
        op = ops[op_id]
        change = copy.deepcopy(change)
        for name, p_change in (change.pop("parameters", None) or {}).items():
            matches = [p for p in op.get("parameters") or [] if p.get("name") == name]
            if not matches:
                sys.exit("contract-notes.yaml: %s has no inline parameter %s" % (op_id, name))
            deep(matches[0], p_change)
        deep(op, change)
        for k in sorted(op, key=lambda k: order.index(k) if k in order else len(order)):
            op[k] = op.pop(k)
    for name, change in (notes.get("schemas") or {}).items():
        if name not in doc["components"]["schemas"]:
            sys.exit("contract-notes.yaml: no schema %s" % name)
        s = doc["components"]["schemas"][name]
        for p in (change.get("properties") or {}):
            if p not in (s.get("properties") or {}):
                sys.exit("contract-notes.yaml: no property %s.%s" % (name, p))
        deep(s, change)
    deep(doc["info"], notes.get("info") or {})
    descriptions = notes.get("tags") or {}
    doc["tags"] = [{"name": t, "description": descriptions.get(t, t)} for t in sorted(
        {op["tags"][0] for item in doc["paths"].values() for op in item.values()})]


def secret_by_name(prop):
    if prop.get("type") == "string":
        return prop.get("format") not in NOT_TEXT_FORMATS
    return "$ref" not in prop and "allOf" not in prop and prop.get("type") in (None, "object") and not prop.get("enum")


def mark_secrets(doc, notes):
    """x-secret: true on every secret property (the rule above SECRET_NAME); returns {property: reason}."""
    def entries(key):
        listed = notes.get(key) or {}
        for entry in listed:
            if not re.fullmatch(r"(\*|\w+)\.\w+", entry):
                sys.exit("contract-notes.yaml %s: %s is not Schema.property or *.property" % (key, entry))
        return listed
    secrets, not_secrets = entries("secrets"), entries("not-secrets")
    used = set()
    reasons = OrderedDict()

    def listed(table, schema, prop):
        for entry in ("%s.%s" % (schema, prop), "*." + prop):
            if entry in table:
                used.add(entry)
                return True
        return False

    for name, schema in doc["components"]["schemas"].items():
        for p, prop in (schema.get("properties") or {}).items():
            if prop.get("writeOnly"):
                reason = "write-only"
            elif listed(secrets, name, p):
                reason = "reviewed list"
            elif SECRET_NAME.search(p) and secret_by_name(prop) and not listed(not_secrets, name, p):
                reason = "name"
            else:
                continue
            prop["x-secret"] = True
            reasons["%s.%s" % (name, p)] = reason
    stale = sorted((set(secrets) | set(not_secrets)) - used)
    if stale:
        sys.exit("contract-notes.yaml: secrets/not-secrets entries that match no property the rule decides: "
                 + ", ".join(stale))
    return reasons


# ---------------------------------------------------------------------------------------------

class Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _dict(dumper, value):
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items())


Dumper.add_representer(str, _str)
Dumper.add_representer(OrderedDict, _dict)
Dumper.ignore_aliases = lambda self, data: True


def javadoc_safe(node):
    """The templates print descriptions into Javadoc as they are, so each becomes one line (paragraphs
    as sentences) that Javadoc reads as the same text CommonMark does: <, > and & as HTML entities
    (which CommonMark reads as the characters); what would end or break a doc comment stops the merge."""
    if isinstance(node, list):
        for v in node:
            javadoc_safe(v)
    elif isinstance(node, dict):
        for k, v in node.items():
            if k in ("description", "summary") and isinstance(v, str):
                paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", v) if p.strip()]
                text = " ".join(p if p[-1] in ".!?:;)" or i == len(paragraphs) - 1 else p + "."
                                for i, p in enumerate(paragraphs))
                text = re.sub(r"&(?!\w+;)", "&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
                unsafe = [t for t in ("*/", "{@", "\\u") if t in text] + (["@ first"] if text.startswith("@") else [])
                if unsafe:
                    sys.exit("a description would break its Javadoc (%s): %s" % (", ".join(unsafe), text[:120]))
                node[k] = text
            elif k not in ("example", "examples", "default", "enum"):  # values, not prose
                javadoc_safe(v)


def merge():
    rels = releases()
    docs = OrderedDict((r, normalize(load(r), r)) for r in rels)
    m = Merger(docs)
    paths = m.merge_operations()
    schemas = m.merge_schemas()
    with open(NOTES, encoding="utf-8") as f:
        notes = yaml.safe_load(f)
    doc = OrderedDict()
    doc["openapi"] = "3.0.3"
    doc["info"] = OrderedDict([("title", "authentik API"), ("version", rels[-1])])
    doc["servers"] = [{"url": "/api/v3"}]
    doc["security"] = [{"authentik": []}]
    doc["tags"] = []
    doc["paths"] = paths
    doc["components"] = OrderedDict([
        ("securitySchemes", OrderedDict(sorted(
            {k: v for r in rels for k, v in docs[r]["components"].get("securitySchemes", {}).items()}.items()))),
        ("schemas", OrderedDict(sorted(schemas.items())))])
    dropped = decorate(doc)
    m.pairs = request_pairs(doc)
    m.write_shapes = write_shapes(doc)
    describe_filters(doc, notes)
    shared_parameters(doc)
    schemes = doc["components"]["securitySchemes"]
    for item in paths.values():
        for op in item.values():
            for requirement in op.get("security") or []:
                for scheme in requirement:
                    # authentik's agent endpoints name schemes its schema never defines: bearer tokens.
                    schemes.setdefault(scheme, OrderedDict([
                        ("type", "http"), ("scheme", "bearer"),
                        ("description", "A bearer token of an endpoint agent (authentik's schema names this scheme "
                                        "without defining it). The SDK sends the client's token.")]))
    doc["components"]["securitySchemes"] = OrderedDict(sorted(schemes.items()))
    apply_notes(doc, notes)
    secrets = mark_secrets(doc, notes)
    for item in doc["paths"].values():
        for op in item.values():
            for code, response in op["responses"].items():
                if code in EXCEPTIONS and "$ref" not in response:  # an error response the notes describe
                    response["x-exception"] = EXCEPTIONS[code]
    javadoc_safe(doc)
    m.doc = doc
    text = "# Generated by tools/merge_schemas.py from authentik %s; edit tools/contract-notes.yaml, not this file.\n" % (
        ", ".join(rels)) + yaml.dump(doc, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
    return text, m, docs, dropped, secrets


def report(m, docs, dropped, details):
    rels = list(docs)
    prev = None
    for r in rels:
        doc = docs[r]
        ops = {(p, mth) for p, item in doc["paths"].items() for mth in item if mth in METHODS}
        schemas = doc["components"]["schemas"]
        if prev is None:
            print("%s: %d operations, %d schemas (the baseline)" % (r, len(ops), len(schemas)))
        else:
            pops, pschemas = prev
            added, removed = ops - pops, pops - ops
            print("%s: %d operations (+%d, -%d), %d schemas (+%d, -%d)" % (
                r, len(ops), len(added), len(removed), len(schemas), len(set(schemas) - set(pschemas)),
                len(set(pschemas) - set(schemas))))
            if details:
                for p, mth in sorted(removed):
                    print("    - %s %s" % (mth.upper(), p))
                for n in sorted(set(schemas) & set(pschemas)):
                    a = set((pschemas[n].get("properties") or {}))
                    b = set((schemas[n].get("properties") or {}))
                    if a != b:
                        print("    %s: %s" % (n, " ".join(["+" + x for x in sorted(b - a)] + ["-" + x for x in sorted(a - b)])))
        prev = (ops, schemas)
    print("Shape changes the reader accepts both ways:")
    for n in sorted(set(m.shape_notes)):
        print("  " + n)
    print("Operations that moved or changed schema:")
    for n in sorted(set(m.notes)):
        print("  " + n)
    for (method, path, verb, old, new), rels in sorted(m.moved.items()):
        print("  %s %s %s %s in %s, %s later: %s also reads %s" % (method, path, verb, old, m.span(sorted(set(rels), key=version_key)), new, new, old))
    if dropped:
        print("Schemas no operation reaches (left out): " + ", ".join(dropped))
    print("Request properties written in an older shape for older releases (x-write-shapes):")
    for where, rule in m.write_shapes.items():
        print("  %s: %s up to %s" % (where, rule["sent-as"], rule["until"]))
    print("Response models with toRequest(): %d" % len(m.pairs))
    for name, write_only, left_out in m.pairs:
        if left_out:
            print("  %s.toRequest() leaves out: %s" % (name, "; ".join(left_out)))


KIT_KEYS = ("operationId", "parameters", "requestBody", "responses", "content", "application/json", "schema", "name",
            "in", "required", "type", "format", "enum", "items", "properties", "additionalProperties", "nullable",
            "readOnly", "writeOnly", "minLength", "maxLength", "minimum", "maximum", "minItems", "pattern", "default",
            "allOf", "oneOf", "anyOf", "$ref", "discriminator", "propertyName", "mapping")


def slim(node, keep_all=False):
    """What the fake reads of a schema: structure and constraints, no descriptions or examples."""
    if isinstance(node, list):
        return [slim(v, keep_all) for v in node]
    if not isinstance(node, dict):
        return node
    out = OrderedDict()
    for k, v in node.items():
        if k in ("enum", "default", "required") and not isinstance(v, dict):
            out[k] = v
        elif keep_all or k in KIT_KEYS or re.fullmatch(r"\d{3}", str(k)):
            # Names under properties/mapping/responses are data: keep them all, and what is below them.
            out[k] = slim(v, k in ("properties", "mapping", "responses", "content"))
    return out


def write_kit_contracts():
    """src/authentik-client-testkit/src/main/resources/.../contract/<release>.json.gz: each release's normalised schema, slimmed."""
    import json
    os.makedirs(KIT_CONTRACTS, exist_ok=True)
    for r in releases():
        doc = normalize(load(r), r)
        paths = OrderedDict()
        for path, item in doc["paths"].items():
            paths[path] = OrderedDict((m, slim(op)) for m, op in item.items() if m in METHODS)
        kit = OrderedDict([("release", r), ("paths", paths),
                           ("schemas", OrderedDict((n, slim(s)) for n, s in sorted(doc["components"]["schemas"].items())))])
        data = json.dumps(kit, separators=(",", ":"), sort_keys=False).encode("utf-8")
        with open(os.path.join(KIT_CONTRACTS, "%s.json.gz" % r), "wb") as f:
            f.write(gzip.compress(data, 9, mtime=0))
README = os.path.join(ROOT, "README.md")
TABLE_START = "<!-- release-table: made by tools/merge_schemas.py --release-table; --check compares -->"
TABLE_END = "<!-- release-table end -->"


def release_table(m):
    """README's table of what differs between the sampled releases, from the contract's x-releases and
    x-write-shapes: operations per release, those new and gone since the release before, those that
    fail fast (UnsupportedByServerException) on a server of that release, and the write-side shapes."""
    ops = [op for item in m.doc["paths"].values() for op in item.values()]
    vk = lambda r: version_key(r) if r else (9999,)
    lines = ["| release | operations | new | gone | fail fast on it |", "|---|---:|---:|---:|---:|"]
    for i, r in enumerate(m.rels):
        has = [o for o in ops if vk(o["x-releases"]["first"]) <= vk(r) <= vk(o["x-releases"]["last"])]
        new = [o for o in ops if o["x-releases"]["first"] == r] if i else []
        gone = [o for o in ops if o["x-releases"]["after"] == r]
        lines.append("| %s | %d | %s | %s | %d |" % (r, len(has), len(new) if i else "", len(gone) if i else "",
                                                     len(ops) - len(has)))
    lines += ["", "| property written | in releases up to | sent as | newer shape from |", "|---|---|---|---|"]
    for where, rule in m.write_shapes.items():
        lines.append("| `%s` | %s | %s | %s |" % (where, rule["until"], rule["sent-as"], rule["since"]))
    return "\n".join(lines) + "\n"


def readme_table():
    with open(README, encoding="utf-8") as f:
        text = f.read()
    start, end = text.find(TABLE_START), text.find(TABLE_END)
    if start < 0 or end < start:
        sys.exit("README.md has no release table between %s and %s" % (TABLE_START, TABLE_END))
    return text, start + len(TABLE_START) + 1, end


def main(argv):
    if "--kit" in argv:  # only the test kit's copies
        write_kit_contracts()
        return
    if "--check" in argv:
        merged = merge()
        first = merged[0]
        second = merge()[0]
        if first != second:
            sys.exit("two runs of the merge differ")
        text, start, end = readme_table()
        if text[start:end] != release_table(merged[1]):
            sys.exit("README.md's release table is not what --release-table prints: run it and paste the result")
        with open(OUT, encoding="utf-8") as f:
            if f.read() != first:
                sys.exit("openapi.yaml is not what tools/merge_schemas.py makes: run it and commit the result")
        print("openapi.yaml is up to date, and the merge gives it twice")
        return
    text, m, docs, dropped, secrets = merge()
    if "--release-table" in argv:  # README's section, between its markers
        print(release_table(m), end="")
        return
    if "--secrets" in argv:  # the secrets toString() masks, by the rule that marks each
        for reason in ("write-only", "name", "reviewed list"):
            marked = [p for p, r in secrets.items() if r == reason]
            print("%s (%d):" % (reason, len(marked)))
            for p in marked:
                print("  " + p)
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    write_kit_contracts()
    report(m, docs, dropped, "--details" in argv)


if __name__ == "__main__":
    main(sys.argv[1:])
