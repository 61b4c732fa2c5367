/**
 * The HTTP API between a counter and the provincial hub (zod schemas, all strict: an unknown field is
 * an error, so a typo or a hostile extra never slips through silently).
 *
 *   POST /enroll            { code, deviceName? } → { token, counterId, branchCode, ... }   (no auth)
 *   POST /push              { ops: [{ opId, seq, payload }] } → { results: [...], expectedSeq } (Bearer)
 *   GET  /pull?cursor=&limit= → { changes, reference, serialRanges, cursor, hasMore }    (Bearer)
 *   GET  /health            → { ok, db }
 *   POST /admin/codes       { branchCode, counterId, ... } → { code, expiresAt }          (admin Bearer)
 *   PUT  /admin/reference/:name { version, payload } → { changeId }                      (admin Bearer)
 *
 * Every response carries the hub's clock: header `x-hub-time` (epoch ms) and a `hubTime` field in the
 * JSON body. Counters never order anything by their own clocks; they only show the skew.
 *
 * Pure TypeScript: no platform imports.
 */
import { z } from 'zod';
import { isWellFormedText } from './text';
import { fastSchema } from './fast-parse';
import type { DossierEvent } from './dossier';
import { REFERENCE_NAMES } from './reference-kinds';
import { LEDGER_KINDS, type CaseOp, type DossierRecord, type LedgerRecord, type SyncOp } from './sync-ops';
import { COMPLAINT_CHANNELS, COMPLAINT_KINDS, LOSS_KINDS, LOSS_STAGES, LOSS_SUBJECTS, type CaseEvent } from './cases';

// ---------------------------------------------------------------------------------------------
// Limits (also what the hub enforces on bodies)
// ---------------------------------------------------------------------------------------------

export const MAX_OPS_PER_PUSH = 500;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;
/** Bytes; a push of 500 full dossier records stays far below this. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/**
 * On a pull from the start of the feed (a new counter, or after a feed reset): how many changes the
 * hub holds for this counter, so that its long first pull can show how far it has come. A header,
 * not a field: answers stay what older counters' strict schemas accept.
 */
export const FEED_TOTAL_HEADER = 'x-quayhcc-feed-total';
/**
 * On a pull page that has more after it: the page's cursor (the body's `cursor`), so that the counter
 * asks for the next page as soon as the headers arrive, while it still reads and checks this page's
 * megabytes. The body stays authoritative: a counter uses the early page only when both agree.
 */
export const FEED_NEXT_HEADER = 'x-quayhcc-next-cursor';
export const HUB_TIME_HEADER = 'x-hub-time';
/** The counter application's version, sent with every request; the hub keeps the last one seen. */
export const COUNTER_VERSION_HEADER = 'x-quayhcc-version';
/** The counter's clock (epoch ms) when it sent the request; the hub keeps how far off it is. */
export const COUNTER_TIME_HEADER = 'x-quayhcc-time';
/** A counter clock further off than this is flagged (on the counter's status bar and at the hub). */
export const CLOCK_SKEW_WARN_MS = 120_000;
/** What the hub accepts as a version (anything else is ignored, never stored). */
export const APP_VERSION_PATTERN = /^[0-9A-Za-z.+-]{1,40}$/;

// ---------------------------------------------------------------------------------------------
// Wire text
// ---------------------------------------------------------------------------------------------

const NON_ASCII = /[\u0080-\uffff]/g;
const escapeUnit = (c: string): string => `\\u${(0x10000 + c.charCodeAt(0)).toString(16).slice(1)}`;

/**
 * The JSON text of a request body, in ASCII: every non-ASCII UTF-16 unit written as a `\uXXXX`
 * escape (what JSON.stringify writes for control characters anyway). Same JSON value, a few percent
 * more bytes for Vietnamese text (measured +3.8% on a 500-op push), and much less work where bodies
 * are big and many: the hub decodes an ASCII body to a one-byte string (0.3 ms instead of 1.8 ms for
 * a 420 kB push) and JSON.parse reads one-byte strings faster (1.8 ms instead of 3.0 ms). The hub
 * accepts any UTF-8 JSON; counters send this.
 */
export function wireJson(value: unknown): string {
  return JSON.stringify(value).replace(NON_ASCII, escapeUnit);
}

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

/**
 * A schema parsed on a hot path (a 500-op push at the hub, a 1,000-change pull page at a counter),
 * run through zod's compiled fast path (`z.compile`): code generated once for the whole schema, ~3.5×
 * faster than the interpreted parser on a real push body. Same answers by zod's contract — an input
 * the fast path does not accept goes to the ordinary parser, which gives the verdict and the issues —
 * and tests/unit/sync/wire.test.ts holds zod to it on thousands of altered payloads, and
 * checks that each of these schemas does compile (a schema the compiler cannot model silently stays
 * on the slow path otherwise).
 *
 * Compiled on first use, not at load: generating the code takes tens of milliseconds, and a counter
 * loads this module while it starts (before its log-in screen), long before its first sync.
 */
export const HOT_SCHEMAS: { name: string; runtime: z.ZodType; readonly compiled: z.ZodType }[] = [];
function hot<T extends z.ZodType>(name: string, runtime: T): T {
  // The one compiled copy per schema (fast-parse.ts), shared with any other caller that parses with it.
  const get = (): T => fastSchema(runtime);
  HOT_SCHEMAS.push({
    name,
    runtime,
    get compiled() {
      return get();
    },
  });
  // Every use of the schema (parse, safeParse, …) reads a property of it: the first compiles it.
  return new Proxy(runtime, { get: (_target, key) => Reflect.get(get(), key) as unknown }) as T;
}

// Free text refuses half surrogate pairs (isWellFormedText): PostgreSQL cannot store them in JSON,
// and a push it fails on would be retried for ever.
const wellFormed = (s: z.ZodString) => s.refine(isWellFormedText, { error: 'lone UTF-16 surrogate' });
const str = (max: number) => wellFormed(z.string().max(max));
const req = (max: number) => wellFormed(z.string().min(1).max(max));
const nstr = (max: number) => wellFormed(z.string().max(max)).nullable();
/** Identifiers of counters, branches, agencies, procedures: printable ASCII without spaces or quotes. */
export const codeId = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/);
const uuid = z.uuid();
const epochMs = z.int().min(0).max(8_640_000_000_000_000);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const dong = z.int().min(0).max(1_000_000_000_000);
const names = z.array(req(300)).max(100);
const itemNumber = z.string().regex(/^[A-Z]{2}\d{9}[A-Z]{2}$/);

const role = z.enum(['clerk', 'manager', 'admin']);
const idKind = z.enum(['cccd', 'cmnd', 'passport']);
const serviceType = z.enum(['send', 'return', 'both']);
const returnMethod = z.enum(['pickup', 'home', 'none']);

const meta = {
  at: epochMs,
  date: localDate,
  actorId: req(64),
  actorRole: role,
  counterId: codeId,
};

export const DossierEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('accepted'),
    serviceType,
    returnMethod,
    complete: z.boolean(),
    missing: names,
    reclaimOldPapers: z.boolean(),
    feeDueOnDelivery: dong,
    ...meta,
  }),
  z.strictObject({ type: z.literal('supplemented'), added: names, complete: z.boolean(), ...meta }),
  z.strictObject({ type: z.literal('batched'), batchId: req(64), agencyCode: codeId, ...meta }),
  z.strictObject({ type: z.literal('unbatched'), batchId: req(64), ...meta }),
  z.strictObject({ type: z.literal('filed'), batchId: req(64), filedAt: epochMs, receivingOfficer: str(200), ...meta }),
  z.strictObject({ type: z.literal('appointment_recorded'), appointmentDate: localDate, agencyDossierCode: nstr(64), ...meta }),
  z.strictObject({ type: z.literal('result_collected'), originalsReturned: names, ...meta }),
  z.strictObject({ type: z.literal('delivery_failed'), reason: str(300), nextInvitationDate: localDate.nullable(), ...meta }),
  z.strictObject({
    type: z.literal('handed_over'),
    recipientName: str(200),
    idKind,
    byProxy: z.boolean(),
    authorisationRef: nstr(120),
    reclaimed: names,
    feeDueCollected: dong,
    ...meta,
  }),
  z.strictObject({ type: z.literal('returned_to_agency'), reason: str(300), ...meta }),
  z.strictObject({ type: z.literal('cancelled'), reason: str(300), ...meta }),
]);

export const PartyRecordSchema = z.strictObject({
  role: z.enum(['sender', 'proxy', 'recipient']),
  fullName: req(200),
  idKind: idKind.nullable(),
  idNumber: nstr(20),
  phone: nstr(20),
  email: nstr(200),
  address: nstr(500),
  provinceCode: nstr(8),
  communeCode: nstr(8),
  organisation: nstr(300),
  authorisationRef: nstr(120),
  nationality: z.string().regex(/^[A-Z]{1,3}$/).optional(),
});

export const DocumentRecordSchema = z.strictObject({
  position: z.int().min(0).max(1000),
  code: nstr(64),
  name: req(300),
  form: z.enum(['original', 'copy', 'original_or_copy', 'certified_copy']),
  requiredCount: z.int().min(0).max(1000),
  providedCount: z.int().min(0).max(1000),
  providedForm: z.enum(['original', 'copy', 'certified_copy']).nullable(),
  required: z.boolean(),
});

export const DossierRecordSchema = z.strictObject({
  id: uuid,
  itemNumber,
  serviceType,
  procedureCode: codeId,
  agencyCode: codeId,
  originCounterId: codeId,
  acceptedAt: epochMs,
  acceptedBy: req(64),
  acceptedDate: localDate,
  complete: z.boolean(),
  returnMethod,
  returnAddress: nstr(500),
  returnProvinceCode: nstr(8),
  returnCommuneCode: nstr(8),
  pickupBranchCode: nstr(64),
  feeCategory: nstr(64),
  feeAmount: dong,
  postageAmount: dong,
  feeDueOnDelivery: dong,
  paymentMethod: z.enum(['cash', 'transfer']).nullable(),
  route: req(64),
  transitDeadline: localDate.nullable(),
  appointmentEstimate: localDate.nullable(),
  parties: z.array(PartyRecordSchema).max(10),
  documents: z.array(DocumentRecordSchema).max(200),
});

export const LedgerRecordSchema = z.strictObject({
  at: epochMs,
  businessDate: localDate,
  clerkId: req(64),
  counterId: codeId,
  dossierId: uuid.nullable(),
  kind: z.enum(LEDGER_KINDS),
  amount: z.int().min(-1_000_000_000_000).max(1_000_000_000_000),
  paymentMethod: z.enum(['cash', 'transfer']),
  agencyCode: codeId.nullable(),
  reversesOpId: uuid.nullable(),
  note: nstr(500),
});

const ComplaintRecordSchema = z.strictObject({
  number: z.string().regex(/^KN-\d{6}-[0-9A-F]{6}$/),
  dossierId: uuid.nullable(),
  itemNumber: itemNumber.nullable(),
  complainantName: req(200),
  phone: nstr(20),
  contact: nstr(300),
  channel: z.enum(COMPLAINT_CHANNELS),
  kind: z.enum(COMPLAINT_KINDS),
  text: req(2000),
  receivedDate: localDate,
  scope: z.enum(['intra_province', 'inter_province']),
  endToEndEnd: localDate.nullable(),
  timeBarLastDay: localDate.nullable(),
  inTime: z.boolean(),
  timeBarReason: nstr(1000),
  deadline: localDate.nullable(),
});

export const CaseEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('complaint_received'), complaint: ComplaintRecordSchema, ...meta }),
  z.strictObject({ type: z.literal('complaint_handling'), note: str(500), ...meta }),
  z.strictObject({ type: z.literal('complaint_answered'), answer: req(2000), ...meta }),
  z.strictObject({ type: z.literal('complaint_closed'), note: str(500), ...meta }),
  z.strictObject({
    type: z.literal('loss_declared'),
    loss: z.strictObject({
      dossierId: uuid,
      itemNumber,
      subject: z.enum(LOSS_SUBJECTS),
      kind: z.enum(LOSS_KINDS),
      stage: z.enum(LOSS_STAGES),
      description: req(1000),
      agencyNotified: z.boolean(),
      reissueRequested: z.boolean(),
      actionsTaken: req(1000),
    }),
    ...meta,
  }),
  z.strictObject({
    type: z.literal('compensation_decided'),
    compensation: z.strictObject({ lossId: uuid, dossierId: uuid, itemNumber, payeeName: req(200), amount: dong, basis: req(1000) }),
    ...meta,
  }),
  z.strictObject({ type: z.literal('compensation_paid'), amount: dong, paymentMethod: z.enum(['cash', 'transfer']), ...meta }),
]);

const CaseOpSchema = z.strictObject({ opId: uuid, kind: z.literal('case.event'), caseId: uuid, dossierId: uuid.nullable(), eventId: uuid, event: CaseEventSchema });

const DossierOpSchema = z.strictObject({
  opId: uuid,
  kind: z.literal('dossier.event'),
  dossierId: uuid,
  itemNumber,
  eventId: uuid,
  event: DossierEventSchema,
  dossier: DossierRecordSchema.optional(),
});
const LedgerOpSchema = z.strictObject({ opId: uuid, kind: z.literal('ledger.entry'), entry: LedgerRecordSchema });
export const SyncOpSchema = z.discriminatedUnion('kind', [DossierOpSchema, LedgerOpSchema, CaseOpSchema]);

/**
 * Sent by a counter in place of an op the hub refused as malformed (HTTP 400 for that single op), so
 * that its seq is consumed and the ops after it are not stuck behind a gap forever. The hub answers
 * it `rejected` (code VOIDED) and applies nothing; the counter keeps the original op parked for a
 * manager.
 */
export const VoidOpSchema = z.strictObject({ opId: uuid, kind: z.literal('void'), reason: str(500) });
export const PushPayloadSchema = z.discriminatedUnion('kind', [DossierOpSchema, LedgerOpSchema, CaseOpSchema, VoidOpSchema]);
export type PushPayload = z.infer<typeof PushPayloadSchema>;

// Compile-time proof that the wire schemas and the domain types are the same shapes, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameEvent: Same<z.infer<typeof DossierEventSchema>, DossierEvent> = true;
const sameRecord: Same<z.infer<typeof DossierRecordSchema>, DossierRecord> = true;
const sameLedger: Same<z.infer<typeof LedgerRecordSchema>, LedgerRecord> = true;
const sameOp: Same<z.infer<typeof SyncOpSchema>, SyncOp> = true;
const sameCaseEvent: Same<z.infer<typeof CaseEventSchema>, CaseEvent> = true;
const sameCaseOp: Same<z.infer<typeof CaseOpSchema>, CaseOp> = true;
void [sameEvent, sameRecord, sameLedger, sameOp, sameCaseEvent, sameCaseOp];

// ---------------------------------------------------------------------------------------------
// Enrollment
// ---------------------------------------------------------------------------------------------

/** One-time codes look like `K7QF-2MX9-PAD4` (no 0/O/1/I/L); case and dashes are ignored. */
export const ENROLL_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const normalizeEnrollCode = (s: string): string => s.toUpperCase().replace(/[\s-]/g, '');

export const EnrollRequestSchema = z.strictObject({
  code: z.string().min(4).max(40),
  /** The counter this machine is configured as; a code made for another counter is refused and NOT used up. */
  counterId: codeId.optional(),
  deviceName: str(120).optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

export const EnrollResponseSchema = z.strictObject({
  hubTime: epochMs,
  token: z.string().min(20).max(200),
  counterId: codeId,
  counterName: z.string(),
  branchCode: codeId,
  branchName: z.string(),
  provinceCode: z.string(),
  /**
   * The counter's serial ranges, so that its first intakes after enrollment already use numbers the
   * hub will accept (they also come down on pull, where they are recognised and skipped).
   */
  serialRanges: z.array(z.lazy(() => SerialRangeSchema)).max(1000).optional(),
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

export const CreateCodeRequestSchema = z.strictObject({
  branchCode: codeId,
  branchName: str(200).optional(),
  counterId: codeId,
  counterName: str(200).optional(),
  ttlMinutes: z.int().min(1).max(60 * 24 * 30).optional(),
});
export type CreateCodeRequest = z.infer<typeof CreateCodeRequestSchema>;

/** GET /admin/counters: every counter the hub knows, with its last contact (for provincial IT). */
export const CounterStatusSchema = z.strictObject({
  counterId: z.string(),
  counterName: z.string(),
  branchCode: z.string(),
  branchName: z.string(),
  enrolledAt: epochMs.nullable(),
  deviceName: z.string().nullable(),
  /** Hub time of the counter's last authenticated request (recorded at most once a minute). */
  lastSeenAt: epochMs.nullable(),
  /** Hub time of its last push that carried new operations. */
  lastPushAt: epochMs.nullable(),
  appVersion: z.string().nullable(),
  /** The counter's clock minus the hub's, at its last recorded contact (request latency included). */
  clockSkewMs: z.int().nullable(),
  /** Operations the hub has answered for it (its next expected seq − 1). */
  opsReceived: z.int().min(0),
  /** Of those, refused by the hub. */
  opsRefused: z.int().min(0),
  /** When its token was revoked (a lost or stolen machine); null once enrolled again. */
  revokedAt: epochMs.nullable(),
  /** The update channel IT put it on (src/hub/updates.ts). */
  updateChannel: z.string(),
  /** It runs a version below the province's minimum (or reported none); the hub still takes its data. */
  belowMinimum: z.boolean(),
});
export type CounterStatus = z.infer<typeof CounterStatusSchema>;
export const CountersResponseSchema = z.strictObject({ hubTime: epochMs, counters: z.array(CounterStatusSchema) });
/** POST /admin/counters/:id/revoke. */
export const RevokeResponseSchema = z.strictObject({ hubTime: epochMs, counterId: z.string(), revokedAt: epochMs, codesCancelled: z.int().min(0) });

// ---------------------------------------------------------------------------------------------
// Push
// ---------------------------------------------------------------------------------------------

export const PushOpSchema = z.strictObject({
  opId: uuid,
  seq: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
  payload: PushPayloadSchema,
});
export type PushOp = z.infer<typeof PushOpSchema>;

export const PushRequestSchema = hot(
  'PushRequest',
  z.strictObject({ ops: z.array(PushOpSchema).min(1).max(MAX_OPS_PER_PUSH) }).superRefine((body, ctx) => {
    body.ops.forEach((op, i) => {
      if (op.payload.opId !== op.opId) ctx.addIssue({ code: 'custom', path: ['ops', i, 'opId'], message: 'opId differs from payload.opId' });
      if (i > 0 && op.seq !== body.ops[i - 1]!.seq + 1) ctx.addIssue({ code: 'custom', path: ['ops', i, 'seq'], message: 'seq must be consecutive within a batch' });
    });
  }),
);
export type PushRequest = z.infer<typeof PushRequestSchema>;

/** The hub's state of a dossier after its last accepted event (the hub's word is final). */
export const HubDossierStateSchema = z.strictObject({
  hubSeq: z.int().min(1),
  state: z.string(),
  complete: z.boolean(),
  batchId: z.string().nullable(),
  deliveryAttempts: z.int().min(0),
  nextInvitationDate: z.string().nullable(),
  appointmentDate: z.string().nullable(),
  filedAt: z.number().nullable(),
  feeDueOnDelivery: z.number(),
  reclaimOldPapers: z.boolean(),
  returnMethod: returnMethod,
  serviceType,
});
export type HubDossierState = z.infer<typeof HubDossierStateSchema>;

export const PushResultSchema = z.strictObject({
  opId: uuid,
  seq: z.int(),
  /** accepted/rejected are final and stored (a replay returns them again); `gap` means not applied. */
  status: z.enum(['accepted', 'rejected', 'gap']),
  code: z.string().optional(),
  /** Vietnamese, for the manager who reviews parked operations. */
  reason: z.string().optional(),
  /** The event that won when another counter acted on the same dossier first. */
  winningEventId: z.string().optional(),
  /** Accepted dossier event: its position in the dossier's history at the hub. */
  hubSeq: z.int().min(1).optional(),
  /** Rejected dossier event: the hub's state of the dossier (what the counter should now show). */
  dossier: HubDossierStateSchema.optional(),
});
export type PushResult = z.infer<typeof PushResultSchema>;

export const PushResponseSchema = hot(
  'PushResponse',
  z.strictObject({
    hubTime: epochMs,
    results: z.array(PushResultSchema),
    /** The next sequence number the hub expects from this counter. */
    expectedSeq: z.int().min(1),
  }),
);
export type PushResponse = z.infer<typeof PushResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Pull
// ---------------------------------------------------------------------------------------------

/**
 * Opaque to the counter. On the hub: `<feed epoch>-<change key>.<change id>` of the last delivered
 * change (see hub/pull.ts); '' means from the beginning.
 */
export const CursorSchema = z.string().regex(/^(|[0-9a-f]{8}-\d{1,20}\.\d{1,20})$/);

export const PullQuerySchema = z.strictObject({
  cursor: CursorSchema.optional().default(''),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).optional().default(DEFAULT_PULL_LIMIT),
});

/** The reference kinds come from one registry (src/shared/reference-kinds.ts). */
export { REFERENCE_NAMES, type ReferenceName } from './reference-kinds';

export const SerialRangeSchema = z.strictObject({
  /** Hub-wide id of the block; stable, so a counter can apply it idempotently. */
  id: z.int().min(1),
  counterId: codeId,
  prefix: z.string().regex(/^[A-Z]{2}$/),
  country: z.string().regex(/^[A-Z]{2}$/),
  firstSerial: z.int().min(0).max(99_999_999),
  lastSerial: z.int().min(0).max(99_999_999),
});
export type SerialRange = z.infer<typeof SerialRangeSchema>;

export const PullChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('dossier.event'),
    changeId: z.string(),
    hubAt: epochMs,
    hubSeq: z.int().min(1),
    originCounterId: codeId,
    op: SyncOpSchema,
  }),
  z.strictObject({
    kind: z.literal('reference'),
    changeId: z.string(),
    hubAt: epochMs,
    name: z.enum(REFERENCE_NAMES),
    version: z.string(),
    /** Validated by the hub on upload with the shared schemas; validated again by the counter. */
    payload: z.unknown(),
  }),
  z.strictObject({ kind: z.literal('serial_range'), changeId: z.string(), hubAt: epochMs, range: SerialRangeSchema }),
  /** A complaint, loss or compensation event of another counter of the branch. */
  z.strictObject({ kind: z.literal('case.event'), changeId: z.string(), hubAt: epochMs, hubSeq: z.int().min(1), originCounterId: codeId, op: CaseOpSchema }),
]);
export type PullChange = z.infer<typeof PullChangeSchema>;

export const PullResponseSchema = hot(
  'PullResponse',
  z.strictObject({
    hubTime: epochMs,
    changes: z.array(PullChangeSchema),
    cursor: CursorSchema,
    hasMore: z.boolean(),
    /**
     * The next seq the hub expects from this counter. Lower than what the counter knows to be
     * answered means the hub lost operations (restored from a backup): the counter sends them again.
     */
    expectedSeq: z.int().min(1),
  }),
);
export type PullResponse = z.infer<typeof PullResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Own operations (a counter whose store was restored from a backup takes back its own work)
// ---------------------------------------------------------------------------------------------

export const OwnOpsQuerySchema = z.strictObject({
  fromSeq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).optional().default(DEFAULT_PULL_LIMIT),
});

/** One operation the hub holds from the calling counter, as it was pushed, with the hub's answer. */
export const OwnOpSchema = z.discriminatedUnion('status', [
  z.strictObject({
    seq: z.int().min(1),
    opId: uuid,
    status: z.literal('accepted'),
    hubAt: epochMs,
    /** A case event's place in its case's history at the hub (absent for other operations). */
    hubSeq: z.int().min(1).optional(),
    payload: SyncOpSchema,
  }),
  z.strictObject({
    seq: z.int().min(1),
    opId: uuid,
    status: z.literal('rejected'),
    hubAt: epochMs,
    /** Kept as evidence; not applied. */
    payload: z.unknown(),
    code: z.string(),
    reason: z.string(),
  }),
]);
export type OwnOp = z.infer<typeof OwnOpSchema>;

export const OwnOpsResponseSchema = hot(
  'OwnOpsResponse',
  z.strictObject({
    hubTime: epochMs,
    ops: z.array(OwnOpSchema),
    hasMore: z.boolean(),
    expectedSeq: z.int().min(1),
  }),
);
export type OwnOpsResponse = z.infer<typeof OwnOpsResponseSchema>;

export const ReferenceUploadSchema = z.strictObject({ version: req(64), payload: z.unknown() });

/** The error body of every 4xx/5xx answer. `message` is Vietnamese. */
export const ErrorBodySchema = z.strictObject({
  hubTime: epochMs,
  error: z.string(),
  message: z.string(),
  expectedSeq: z.int().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
