import { Type, type Static } from '@sinclair/typebox';

/**
 * The policy YAML, as security teams write it. Keys are snake_case. Every object is closed
 * (`additionalProperties: false`) so a typo is an error with a line and column, never a silent no-op.
 *
 * Layers: `defaults` < `routes.<route>` < `models.<glob>` < `tenants.<t>` < `tenants.<t>.routes.<route>`
 * < `tenants.<t>.models.<glob>`. Each layer holds the same `Settings`; a later layer overrides only what
 * it names. Entities merge per type and per field; `custom_recognizers` merge by name; other lists
 * (allowlist, allowed_models, minimize.drop) replace the inherited list; `minimize.force` merges per key.
 *
 * Checks that JSON Schema cannot express (regexes compile, durations parse, entity type names exist,
 * a recognizer has exactly one of regex/terms) live in load.ts, with the same file:line:col errors.
 */

export const ACTIONS = ['tokenize', 'mask', 'block', 'allow'] as const;
export const POLICY_ROUTES = ['chat', 'completions', 'embeddings', 'responses'] as const;

const StrEnum = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

const closed = { additionalProperties: false } as const;

export const EntitySettingsSchema = Type.Object(
  {
    action: Type.Optional(StrEnum(ACTIONS)),
    min_confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    mask_keep_last: Type.Optional(Type.Integer({ minimum: 0, maximum: 64 })),
    mask_char: Type.Optional(Type.String({ minLength: 1, maxLength: 1 })),
    restore_to: Type.Optional(StrEnum(['caller', 'scope'] as const)),
  },
  closed,
);

export const CustomRecognizerSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,63}$' }),
    type: Type.String({ pattern: '^[A-Z][A-Z0-9_]{0,47}$' }),
    /** exactly one of regex / terms (checked in load.ts) */
    regex: Type.Optional(Type.String({ minLength: 1 })),
    flags: Type.Optional(Type.String({ pattern: '^[imsu]*$' })),
    validator: Type.Optional(StrEnum(['luhn', 'mod97', 'us_ssn'] as const)),
    context: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    terms: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
    case_sensitive: Type.Optional(Type.Boolean()),
    confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  },
  closed,
);

export const ScanSchema = Type.Object(
  {
    messages: Type.Optional(Type.Boolean()),
    names: Type.Optional(Type.Boolean()),
    tool_arguments: Type.Optional(Type.Boolean()),
    tool_results: Type.Optional(Type.Boolean()),
    tool_descriptions: Type.Optional(Type.Boolean()),
    response_format: Type.Optional(Type.Boolean()),
    prompt: Type.Optional(Type.Boolean()),
    input: Type.Optional(Type.Boolean()),
    instructions: Type.Optional(Type.Boolean()),
  },
  closed,
);

const FieldName = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' });

export const MinimizeSchema = Type.Object(
  {
    drop: Type.Optional(Type.Array(FieldName)),
    force: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  closed,
);

const PositiveInt = Type.Integer({ minimum: 1 });

/** Everything a layer can set. */
export const SettingsSchema = Type.Object(
  {
    entities: Type.Optional(Type.Record(Type.String(), EntitySettingsSchema)),
    custom_recognizers: Type.Optional(Type.Array(CustomRecognizerSchema)),
    allowlist: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    scan: Type.Optional(ScanSchema),
    minimize: Type.Optional(MinimizeSchema),
    unreadable_content: Type.Optional(StrEnum(['refuse', 'allow', 'drop'] as const)),
    response_scan: Type.Optional(StrEnum(['off', 'count'] as const)),
    shadow: Type.Optional(Type.Boolean()),
    /** `90s`, `30m`, `24h`, `7d`, or a whole number of seconds */
    retention: Type.Optional(Type.Unsafe<string | number>({ type: ['string', 'integer'] })),
    linkability: Type.Optional(StrEnum(['tenant', 'request'] as const)),
    restore_scope: Type.Optional(StrEnum(['request', 'tenant'] as const)),
    /** model globs (`*`, `?`); a leading `!` excludes; the last matching pattern wins */
    allowed_models: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    limits: Type.Optional(Type.Object({ max_body_bytes: Type.Optional(PositiveInt) }, closed)),
    rate_limits: Type.Optional(
      Type.Object(
        {
          tenant_per_minute: Type.Optional(PositiveInt),
          subject_per_minute: Type.Optional(PositiveInt),
          tokens_per_minute: Type.Optional(PositiveInt),
        },
        closed,
      ),
    ),
  },
  closed,
);

export const RoutesSchema = Type.Object(
  {
    chat: Type.Optional(SettingsSchema),
    completions: Type.Optional(SettingsSchema),
    embeddings: Type.Optional(SettingsSchema),
    responses: Type.Optional(SettingsSchema),
  },
  closed,
);

export const ModelsSchema = Type.Record(Type.String({ minLength: 1 }), SettingsSchema);

export const TenantSchema = Type.Object(
  {
    ...SettingsSchema.properties,
    routes: Type.Optional(RoutesSchema),
    models: Type.Optional(ModelsSchema),
  },
  closed,
);

export const PolicyFileSchema = Type.Object(
  {
    /** carried by every audit record */
    version: Type.String({ minLength: 1, maxLength: 128 }),
    defaults: SettingsSchema,
    routes: Type.Optional(RoutesSchema),
    models: Type.Optional(ModelsSchema),
    tenants: Type.Optional(Type.Record(Type.String({ minLength: 1 }), TenantSchema)),
  },
  closed,
);

export type EntitySettings = Static<typeof EntitySettingsSchema>;
export type CustomRecognizerSettings = Static<typeof CustomRecognizerSchema>;
export type Settings = Static<typeof SettingsSchema>;
export type TenantSettings = Static<typeof TenantSchema>;
export type PolicyFile = Static<typeof PolicyFileSchema>;
export type PolicyRoute = (typeof POLICY_ROUTES)[number];
