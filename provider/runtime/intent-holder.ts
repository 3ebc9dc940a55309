// Who may use an intent (issue 19, item 2): the resource that claimed it, identified by its stack instance and
// its type and name (../resource-holder.ts). A claim by another stack instance is refused; the same stack's
// resource under a new name (a rename in flight, the scope kept) takes the intent over, and the old resource's
// delete then leaves it alone; an intent written before holders existed is adopted by its first claimer.
import {
  describeHolder,
  HOLDER_INPUT,
  type Holder,
  parseHolder,
  sameHolder,
  sameStackInstance,
} from "../resource-holder";
import { refuseBatchItemMove } from "./batch-item-holder";
import { type Intent, type Ledger, OPEN_STATES } from "./ledger/ledger";

type Props = Record<string, unknown>;

/** The marker an orphaned intent's holder text starts with (./orphans.ts): `ledger ls` shows it. */
export const ORPHAN_MARK = "orphan:";

/** The holder a resource's inputs (or stored outputs) name; undefined for a program of an older version. */
export function holderOfProps(props: Props): Holder | undefined {
  return parseHolder(props[HOLDER_INPUT]);
}

/** The holder an intent records (an orphan's too), or undefined when it has none. */
export function holderOfIntent(intent: Intent): Holder | undefined {
  const text = intent.holder?.startsWith(ORPHAN_MARK) ? intent.holder.slice(ORPHAN_MARK.length) : intent.holder;
  return parseHolder(text);
}

/** Thrown when another stack instance holds the intent a create would use: nothing was submitted. */
export class IntentHeldError extends Error {
  constructor(kind: string, intent: Intent, theirs: Holder, mine: Holder) {
    const held = [intent.jobId, ...(intent.heldIds ?? [])].filter((v): v is string => !!v);
    super(
      `${kind}: idempotencyScope ${JSON.stringify(intent.scope)} names a job that another stack holds, so this ` +
        `resource may not use it. Ledger intent ${intent.key} (${intent.state}` +
        `${held.length ? `, vendor ids ${held.join(", ")}` : ", no vendor id yet"}) is held by ` +
        `${describeHolder(theirs)}; this resource is ${describeHolder(mine)}. Nothing was submitted and nothing ` +
        "of that job will be deleted from here. Give this resource its own idempotencyScope (or set resubmitToken) " +
        "to submit a job of its own. If this is the same stack on a runner whose Pulumi.<stack>.yaml was created " +
        "anew (a different encryptionsalt), use the stack's committed config file, or set " +
        "PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER=true so that Pulumi takes the salt from the stack's state",
    );
    this.name = "IntentHeldError";
  }
}

/**
 * The open intent of this resource for this request at any epoch (the highest), if there is one: a crashed
 * create found again after the scope's epoch moved on (an orphan of the same resource released meanwhile), or an
 * orphan whose request the resource asks for again. Intents another stack instance holds are left to the key
 * derivation and `takeHold`, which refuses them.
 */
export function openIntentOf(open: readonly Intent[], digest: string, mine: Holder | undefined): Intent | undefined {
  if (!mine) return undefined;
  return open
    .filter((i) => i.digest === digest && OPEN_STATES.includes(i.state))
    .filter((i) => {
      const theirs = holderOfIntent(i);
      return theirs !== undefined && sameHolder(theirs, mine);
    })
    .sort((a, b) => b.epoch - a.epoch)[0];
}

/**
 * Settles who holds `intent` before a create uses it, and records it: the intent as it is now.
 * @throws IntentHeldError when another stack instance holds it (nothing is changed).
 * @throws BatchItemScopeError when it would move between a batch item and another sort of resource.
 */
export async function takeHold(
  ledger: Ledger,
  kind: string,
  intent: Intent,
  mine: Holder | undefined,
  log: (line: string) => void,
): Promise<Intent> {
  if (!mine) return intent; // a program of an older version: today's rules
  const theirs = holderOfIntent(intent);
  if (theirs && !sameStackInstance(theirs, mine)) throw new IntentHeldError(kind, intent, theirs, mine);
  // A runner that cannot read the stack instance (no Pulumi.<stack>.yaml: `--config-file`) is matched by name; it
  // must not erase the instance the intent recorded, which is what tells this stack from a new one of its name.
  if (theirs?.instance !== undefined && mine.instance === undefined) mine = keepInstance(mine, theirs.instance);
  if (intent.holder === mine.text) return intent;
  if (!theirs) log(`intent ${intent.key} had no holder (written by an earlier version): ${mine.resource} holds it`);
  else if (theirs.resource !== mine.resource) {
    refuseBatchItemMove(kind, intent, theirs, mine);
    log(
      `intent ${intent.key} (job ${intent.jobId ?? "not known yet"}) moves from ${theirs.resource} to ${mine.resource}`,
    );
  } else if (intent.holder?.startsWith(ORPHAN_MARK))
    log(`intent ${intent.key} was an orphan: this resource holds it again`);
  return ledger.update(intent.key, { holder: mine.text });
}

/**
 * Whether the intent's holder is this resource as versions before parents were named recorded it: the holder
 * names no parents (it starts with the kind) and this resource's names its parents, then exactly that. An in-place
 * update stores the program's holder text in the outputs, while the intent keeps the one its create recorded. The
 * reverse (the intent names parents, the resource none) is a resource that moved under a component: another one.
 */
function namedBeforeParents(intent: Intent, theirs: Holder, mine: Holder): boolean {
  return theirs.resource.startsWith(`${intent.kind}/`) && mine.resource.endsWith(`$${theirs.resource}`);
}

/** `mine` with the stack instance `instance` (its text rebuilt). */
function keepInstance(mine: Holder, instance: string): Holder {
  return { ...mine, instance, text: `${instance}|${mine.stack}|${mine.resource}` };
}

/**
 * The holder other than this resource that an intent now belongs to, if any: then this resource's delete or
 * refresh must leave the intent and its vendor objects alone. An intent without a holder (an older version's)
 * belongs to no one else. A resource stored by an older version has no holder either, and never recorded one on
 * its intent: a holder there was recorded by another resource's create (a rename in flight). Stacks are told
 * apart here only by their instance ids: holders are only ever moved within one stack instance (`takeHold`), and
 * a stack known only by its name may have been renamed since its resource was created.
 */
export function heldByAnother(intent: Intent | undefined, props: Props): Holder | undefined {
  const theirs = intent ? holderOfIntent(intent) : undefined;
  if (!theirs || intent?.holder?.startsWith(ORPHAN_MARK)) return undefined;
  const mine = holderOfProps(props);
  if (!mine) return theirs;
  if (mine.resource !== theirs.resource && !namedBeforeParents(intent!, theirs, mine)) return theirs;
  const known = mine.instance !== undefined && theirs.instance !== undefined;
  return known && mine.instance !== theirs.instance ? theirs : undefined;
}
