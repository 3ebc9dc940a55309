import { clientEndpoint } from "../core/endpoint";
import { type CallContext, ConfigurationError } from "../core/errors";
import { invoke } from "../core/invoke";
import type { RateLimit } from "../core/rate-limiter";
import { type ClientOptions, clientSettings, type RequestOptions } from "../core/request-options";
import type { WithMetadata } from "../core/response-metadata";
import { observationOf } from "../core/wait/job-outcome";
import { pollUntilDone, type WaitOptions } from "../core/wait/waiter";
import {
  CreateAigcAdvancedCustomElement,
  type CreateAigcAdvancedCustomElementRequest,
  type CreateAigcAdvancedCustomElementResponse,
  CreateSceneAigcImageTask,
  type CreateSceneAigcImageTaskCall,
  type CreateSceneAigcImageTaskResponse,
  DeleteAigcAdvancedCustomElement,
  type DeleteAigcAdvancedCustomElementRequest,
  type DeleteAigcAdvancedCustomElementResponse,
  DescribeAigcAdvancedCustomElements,
  type DescribeAigcAdvancedCustomElementsRequest,
  type DescribeAigcAdvancedCustomElementsResponse,
  DescribeTaskDetail,
  type DescribeTaskDetailRequest,
  type DescribeTaskDetailResponse,
  DescribeTasks,
  type DescribeTasksRequest,
  type DescribeTasksResponse,
} from "./actions";
import type { AigcAdvancedCustomElementInfo, TaskSimpleInfo } from "./models";
import { type TencentTaskDetail, taskOutcome } from "./task-outcome";
import { Tc3Protocol } from "./tc3-protocol";
import type { TencentCredentials } from "./tencent-credentials";

export const TENCENT_VOD_ENDPOINT = "https://vod.tencentcloudapi.com";
export const TENCENT_VOD_INTL_ENDPOINT = "https://vod.intl.tencentcloudapi.com";

/** The actions this client calls; keys of `rateLimits`. */
export const TENCENT_VOD_ACTIONS = [
  CreateAigcAdvancedCustomElement,
  DescribeAigcAdvancedCustomElements,
  DeleteAigcAdvancedCustomElement,
  CreateSceneAigcImageTask,
  DescribeTaskDetail,
  DescribeTasks,
] as const;
export type TencentVodActionName = (typeof TENCENT_VOD_ACTIONS)[number]["name"];

/**
 * Options of a TencentVodClient. Credentials default to TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY /
 * TENCENTCLOUD_SESSION_TOKEN at call time.
 */
export interface TencentVodClientOptions extends ClientOptions<TencentCredentials> {
  /** X-TC-Region, e.g. `ap-guangzhou`; optional for these APIs. */
  readonly region?: string | undefined;
  /**
   * Default: env PULUMI_AIGC_ENDPOINT (read at construction), else https://vod.tencentcloudapi.com (intl:
   * https://vod.intl.tencentcloudapi.com); http only on loopback.
   */
  readonly endpoint?: string | undefined;
  /** Filled into every request that does not name a SubAppId. */
  readonly subAppId?: number | undefined;
  /** Language of vendor messages. */
  readonly language?: "zh-CN" | "en-US" | undefined;
  /** Client-side limits per action; defaults stay under the vendor's (20/s creates, 100/s DescribeTaskDetail). */
  readonly rateLimits?: Partial<Record<TencentVodActionName, RateLimit>> | undefined;
}

/** Options of `findTaskBySessionId`. */
export interface FindTaskOptions extends RequestOptions {
  /** The VOD application to look in (default: the client's `subAppId`). A task is listed only in its own. */
  readonly subAppId?: number | undefined;
  /** Only look at tasks created at or after this time (narrows the 72-hour scan). */
  readonly createdAfter?: Date | undefined;
  /** Stop after this many pages of 100 (default 30). */
  readonly maxPages?: number | undefined;
}

/** Options of the element listing helpers. */
export interface ElementPagingOptions extends RequestOptions {
  /** The VOD application (default: the client's `subAppId`). */
  readonly subAppId?: number | undefined;
  /** Elements per DescribeAigcAdvancedCustomElements call, 1–300 (default 300, the most the API allows). */
  readonly pageSize?: number | undefined;
}

/**
 * Typed client for the Tencent Cloud VOD (2018-07-17) AIGC APIs. One method per action, request and
 * response fields spelled as on the wire; every response carries a non-enumerable `$metadata`.
 *
 * Every call goes through the sdk's one pipeline (`invoke`) with the TC3 protocol: validation
 * (RequestValidationError, before any network I/O) → the action's shared rate-limit bucket → TC3-HMAC-SHA256
 * signature → keep-alive pool → the answer mapped onto the sdk's error classes → retries only where safe:
 * throttling, transient errors and connection failures for reads and deletes; creates only when they carry
 * a SessionId (a repeat is then answered with DuplicateSubmissionError, never a second task).
 */
export class TencentVodClient {
  readonly endpoint: URL;
  private readonly protocol: Tc3Protocol;

  /** @throws ConfigurationError for a bad endpoint or option. */
  constructor(options: TencentVodClientOptions = {}) {
    this.endpoint = clientEndpoint(options.endpoint, () => TENCENT_VOD_ENDPOINT);
    if (options.subAppId !== undefined && !(Number.isSafeInteger(options.subAppId) && options.subAppId > 0)) {
      throw new ConfigurationError(`subAppId must be a positive integer (got ${options.subAppId})`);
    }
    this.protocol = new Tc3Protocol(this.endpoint, clientSettings(options), options);
  }

  /** Starts creating an AIGC subject. Paid. @throws DuplicateSubmissionError when its SessionId was used. */
  createAigcAdvancedCustomElement(
    req: CreateAigcAdvancedCustomElementRequest,
    o?: RequestOptions,
  ): Promise<WithMetadata<CreateAigcAdvancedCustomElementResponse>> {
    return invoke(this.protocol, CreateAigcAdvancedCustomElement, req, o);
  }

  /** Lists one page of the application's AIGC subjects (Offset must be a multiple of Limit). */
  describeAigcAdvancedCustomElements(
    req: Partial<DescribeAigcAdvancedCustomElementsRequest> = {},
    o?: RequestOptions,
  ): Promise<WithMetadata<DescribeAigcAdvancedCustomElementsResponse>> {
    return invoke(this.protocol, DescribeAigcAdvancedCustomElements, req, o);
  }

  /** Deletes an AIGC subject. @throws InvalidParameterError for an unknown ElementId. */
  deleteAigcAdvancedCustomElement(
    req: Omit<DeleteAigcAdvancedCustomElementRequest, "SubAppId"> & { SubAppId?: number },
    o?: RequestOptions,
  ): Promise<WithMetadata<DeleteAigcAdvancedCustomElementResponse>> {
    return invoke(this.protocol, DeleteAigcAdvancedCustomElement, req, o);
  }

  /**
   * Starts a scene AIGC image job. Paid. SubAppId is required: the request's, else the client's `subAppId`.
   * @throws RequestValidationError when neither names one; DuplicateSubmissionError when its SessionId was used.
   */
  createSceneAigcImageTask(
    req: CreateSceneAigcImageTaskCall,
    o?: RequestOptions,
  ): Promise<WithMetadata<CreateSceneAigcImageTaskResponse>> {
    return invoke(this.protocol, CreateSceneAigcImageTask, req, o);
  }

  /** One task's status and result. @throws NotFoundError for an unknown or expired (3 days) TaskId. */
  describeTaskDetail(
    req: DescribeTaskDetailRequest,
    o?: RequestOptions,
  ): Promise<WithMetadata<DescribeTaskDetailResponse>> {
    return invoke(this.protocol, DescribeTaskDetail, req, o);
  }

  /** One page of the tasks of the last 72 hours. */
  describeTasks(req: DescribeTasksRequest = {}, o?: RequestOptions): Promise<WithMetadata<DescribeTasksResponse>> {
    return invoke(this.protocol, DescribeTasks, req, o);
  }

  /**
   * Polls DescribeTaskDetail with backoff and jitter until the task finishes; `taskOutcome` decides.
   * @returns the task detail with the scene-image or custom-element sub-object present (its `$metadata` is
   *   the last poll's).
   * @throws JobFailedError with the task's ErrCode/ErrCodeExt and Message; WaitTimeoutError carrying the
   *   TaskId; AbortError; NotFoundError when the task is unknown.
   */
  async waitForTask(
    taskId: string,
    options: WaitOptions & { subAppId?: number } = {},
  ): Promise<WithMetadata<TencentTaskDetail>> {
    const context: CallContext = { vendor: "tencent", service: "vod", action: "DescribeTaskDetail" };
    const subAppId = options.subAppId;
    return pollUntilDone({
      ...options,
      context,
      jobId: taskId,
      observe: async (signal) => {
        const detail = await this.describeTaskDetail(
          { TaskId: taskId, ...(subAppId ? { SubAppId: subAppId } : {}) },
          { signal },
        );
        return observationOf(taskOutcome(detail), {
          context,
          jobId: taskId,
          value: detail as WithMetadata<TencentTaskDetail>,
          job: detail,
          requestId: detail.RequestId,
        });
      },
    });
  }

  /**
   * Finds a task of the last 72 hours by the SessionId it was created with, by scanning DescribeTasks in
   * one VOD application (the API has no SessionId filter, and lists only the application it is asked
   * about; see docs/vendor-notes/tencent-vod-task-ids-and-listing.md). Used to recover a TaskId after
   * DuplicateSubmissionError or a lost answer. Undefined means "not found", which is inconclusive: the
   * vendor may not list every task type.
   */
  async findTaskBySessionId(sessionId: string, o: FindTaskOptions = {}): Promise<TaskSimpleInfo | undefined> {
    const { subAppId, createdAfter, maxPages, ...call } = o;
    let scroll: string | undefined;
    for (let page = 0; page < (maxPages ?? 30); page++) {
      const res = await this.describeTasks(
        {
          ...(subAppId !== undefined ? { SubAppId: subAppId } : {}),
          Limit: 100,
          ...(createdAfter ? { CreateTime: { After: createdAfter.toISOString().replace(/\.\d{3}Z$/, "Z") } } : {}),
          ...(scroll ? { ScrollToken: scroll } : {}),
        },
        call,
      );
      const hit = res.TaskSet.find((t) => t.SessionId === sessionId);
      if (hit) return hit;
      if (!res.ScrollToken) return undefined;
      scroll = res.ScrollToken;
    }
    return undefined;
  }

  /**
   * Every AIGC subject of one application, page by page (DescribeAigcAdvancedCustomElements with Offset a
   * multiple of Limit, as the API requires). The vendor documents no sort order: an element deleted while
   * the pages are read can shift a later one out of view.
   * @throws RequestValidationError when neither `subAppId` nor the client's is set (the API requires one).
   */
  async *iterateAigcAdvancedCustomElements(
    o: ElementPagingOptions = {},
  ): AsyncGenerator<AigcAdvancedCustomElementInfo> {
    const { subAppId, pageSize, ...call } = o;
    const limit = pageSize ?? MAX_ELEMENTS_PER_PAGE;
    for (let offset = 0; ; offset += limit) {
      const page = await this.describeAigcAdvancedCustomElements(
        { ...(subAppId !== undefined ? { SubAppId: subAppId } : {}), Offset: offset, Limit: limit },
        call,
      );
      yield* page.ElementSet;
      if (page.ElementSet.length === 0 || offset + limit >= page.TotalCount) return;
    }
  }

  /** One AIGC subject by its id, or undefined when the application lists no such element. */
  async findAigcAdvancedCustomElement(
    elementId: string,
    o: ElementPagingOptions = {},
  ): Promise<AigcAdvancedCustomElementInfo | undefined> {
    for await (const e of this.iterateAigcAdvancedCustomElements(o)) if (e.Id === elementId) return e;
    return undefined;
  }
}

/** The most elements one DescribeAigcAdvancedCustomElements call returns. */
export const MAX_ELEMENTS_PER_PAGE = 300;
