import type { DetectorConfig, EntityType } from '../detect/types.js';

export type Action = 'tokenize' | 'mask' | 'block' | 'allow';
export type RouteKind = 'chat' | 'completions' | 'embeddings' | 'responses' | 'models' | 'admin';

export interface EntityRule {
  readonly action: Action;
  readonly minConfidence: number;
  /** for `mask`: how many trailing characters stay visible (e.g. 4 for cards), and the mask char */
  readonly maskKeepLast: number;
  readonly maskChar: string;
  /**
   * Who gets the original back in responses: `caller` (every caller gets its own values back, the
   * default) or `scope` (only callers holding `privacy:reidentify`; others get the token).
   */
  readonly restoreTo: 'caller' | 'scope';
}

/** Which request fields are scanned by the detector. */
export interface ScanFields {
  readonly messages: boolean; // content (string and text parts) of every role, whole history
  readonly names: boolean; // message `name`
  readonly toolArguments: boolean; // assistant tool_calls[].function.arguments (JSON values, not keys)
  readonly toolResults: boolean; // role tool / function content
  readonly toolDescriptions: boolean; // tools[].function.description and its parameters schema's text
  readonly responseFormat: boolean; // chat response_format.json_schema, responses text.format: description and schema text
  readonly prompt: boolean; // completions prompt
  readonly input: boolean; // embeddings / responses input
  readonly instructions: boolean; // responses instructions
}

/** The policy as it applies to one request: (tenant, route, model) resolved, overrides merged. */
export interface EffectivePolicy {
  readonly version: string;
  readonly tenant: string;
  readonly route: RouteKind;
  readonly model: string | undefined;
  /** one rule per entity type (built-in and custom); types not listed are not detected */
  readonly entities: Readonly<Record<EntityType, EntityRule>>;
  /** what the detector is built from (enabled = types whose action is not `allow`) */
  readonly detector: DetectorConfig;
  /** key identifying `detector` for caching compiled detectors (same key = same DetectorConfig) */
  readonly detectorKey: string;
  /** false when the model is outside the tenant's allowlist */
  readonly modelAllowed: boolean;
  readonly maxBodyBytes: number | undefined;
  /** data minimization: top-level request fields removed before forwarding, and fields forced */
  readonly drop: readonly string[];
  readonly force: Readonly<Record<string, unknown>>;
  readonly scan: ScanFields;
  /** images, audio, files, base64 blobs, token arrays with unknown tokenizer */
  readonly unreadableContent: 'refuse' | 'allow' | 'drop';
  /** personal data in model output that was not in the prompt */
  readonly responseScan: 'off' | 'count';
  /** detect and audit only; change nothing, forward as is */
  readonly shadow: boolean;
  readonly retentionSeconds: number;
  /** tenant-wide tokens (same value → same token across requests) or per-request tokens */
  readonly linkability: 'tenant' | 'request';
  /** which tokens re-identification may restore: minted in this request (default) or any of the tenant's */
  readonly restoreScope: 'request' | 'tenant';
  readonly rateLimits: {
    readonly tenantPerMinute: number | undefined;
    readonly subjectPerMinute: number | undefined;
    readonly tokensPerMinute: number | undefined;
  };
}
