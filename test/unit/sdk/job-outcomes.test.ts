// The outcome function of every service: the one reading of a job's state that the waiters (and the
// provider) use.
import { describe, expect, it } from "vitest";
import {
  AlibabaIceClient,
  aiImageJobOutcome,
  type DescribeTaskDetailResponse,
  type IProductionJobState,
  inferenceJobOutcome,
  iProductionJobOutcome,
  JobFailedError,
  taskOutcome,
} from "../../../sdk";
import { useScriptedServer } from "../../support/scripted-server";

describe("aiImageJobOutcome (VOD GetAIImageJobs)", () => {
  const job = (Status: string, Code = "", Message = "") => ({ Status, Code, Message });
  it("is running until success or fail, in any case", () => {
    expect(aiImageJobOutcome(job("processing"))).toEqual({ done: false, status: "processing", failure: undefined });
    expect(aiImageJobOutcome(job("success", "Success", "success")).failure).toBeUndefined();
    expect(aiImageJobOutcome(job("Success")).done).toBe(true);
  });
  it("fails with the job's Code and Message, or generic ones", () => {
    expect(aiImageJobOutcome(job("fail", "InvalidVideo", "no frames")).failure).toEqual({
      code: "InvalidVideo",
      message: "no frames",
    });
    expect(aiImageJobOutcome(job("FAIL")).failure).toEqual({ code: "Fail", message: "AI image job failed" });
  });
});

describe("iProductionJobOutcome (ICE QueryIProductionJob)", () => {
  it("is running while Queuing or Analysing/Analyzing, and queued only while Queuing", () => {
    for (const Status of ["Queuing", "Analysing", "Analyzing"]) {
      expect(iProductionJobOutcome({ Status, Result: "" })).toEqual({
        done: false,
        status: Status,
        queued: Status === "Queuing",
      });
    }
    expect(iProductionJobOutcome({ Status: "Success", Result: "[]" })).toEqual({ done: true, status: "Success" });
  });
  it("takes the failure code from Code when the job has one, else from Status", () => {
    const withCode = { Status: "Fail", Result: "", Code: "InvalidInput.Media", Message: "media not found" };
    expect(iProductionJobOutcome(withCode as IProductionJobState).failure).toEqual({
      code: "InvalidInput.Media",
      message: "media not found",
    });
    expect(iProductionJobOutcome({ Status: "Fail", Result: "decode error" }).failure).toEqual({
      code: "Fail",
      message: "decode error",
    });
    const emptyCode = { Status: "Canceled", Result: "", Code: "", Message: "" };
    expect(iProductionJobOutcome(emptyCode as IProductionJobState).failure).toEqual({
      code: "Canceled",
      message: "production job failed",
    });
  });
});

describe("inferenceJobOutcome (aicontent)", () => {
  it("reports progress in percent and FINISHED as done", () => {
    expect(inferenceJobOutcome({ jobStatus: "RUNNING", jobTrainProgress: 0.456 })).toEqual({
      done: false,
      status: "RUNNING",
      progress: 46,
      queued: false,
      failure: undefined,
    });
    for (const jobStatus of ["NOT_START", "WAIT_SCHEDULE"]) {
      expect(inferenceJobOutcome({ jobStatus, jobTrainProgress: 0 }).queued).toBe(true);
    }
    expect(inferenceJobOutcome({ jobStatus: "FINISHED", jobTrainProgress: 1 }).done).toBe(true);
    expect(inferenceJobOutcome({ jobStatus: "WAIT_SCHEDULE", jobTrainProgress: null }).progress).toBeUndefined();
  });
  it("fails with the status as code", () => {
    expect(inferenceJobOutcome({ jobStatus: "FAILED", jobTrainProgress: 0 }).failure).toEqual({
      code: "FAILED",
      message: "inference job failed",
    });
  });
});

describe("the ICE waiter uses the outcome's rule", () => {
  const server = useScriptedServer();

  it("rejects with the job's Code and Message", async () => {
    server.script({
      json: {
        RequestId: "R",
        JobId: "j",
        FunctionName: "Cover",
        Status: "Fail",
        Result: "",
        Code: "InvalidInput.Media",
        Message: "media not found",
      },
    });
    const e = await new AlibabaIceClient({
      endpoint: server.url,
      credentials: { accessKeyId: "LTAI5tOutcomeKey001", accessKeySecret: "OutcomeSecret00000000000000" },
    })
      .waitForIProductionJob("j", { minDelayMs: 1, maxDelayMs: 3, initialDelayMs: 0 })
      .catch((x) => x);
    expect(e).toBeInstanceOf(JobFailedError);
    expect(e.code).toBe("InvalidInput.Media");
    expect(e.taskMessage).toBe("media not found");
    expect(e.status).toBe("Fail");
    expect(e.requestId).toBe("R");
  });
});

describe("taskOutcome (Tencent DescribeTaskDetail)", () => {
  const detail = (Status: string, Progress: number) =>
    ({
      TaskType: "SceneAigcImageTask",
      Status,
      SceneAigcImageTask: { Status: "PROCESSING", ErrCode: 0, Message: "", Progress },
    }) as unknown as DescribeTaskDetailResponse;

  it("is queued while WAITING, and reports the sub-task's progress", () => {
    expect(taskOutcome(detail("WAITING", 0))).toEqual({ done: false, status: "WAITING", progress: 0, queued: true });
    expect(taskOutcome(detail("PROCESSING", 40))).toEqual({
      done: false,
      status: "PROCESSING",
      progress: 40,
      queued: false,
    });
  });
});
