// Issue 20's row "100 jobs through the plugin against the dynamic resources, in the same run": the preview and
// `up` of N scene jobs declared in a YAML program through the provider plugin (`aigc:tencent:SceneAigcImageTask`)
// and of the same N jobs as dynamic resources in a Node program, alternating on one emulator; and the size of the
// plugin's tarball.

/** Preview and `up` times of one way of declaring the jobs. */
export interface PluginWay {
  readonly way: "plugin (YAML)" | "dynamic resources (Node)";
  readonly previewSeconds: number;
  readonly upSeconds: number;
  /** Vendor requests during the preview. Target 0. */
  readonly previewVendorRequests: number;
  /** Jobs the vendor created per declared job during the `up`. Target exactly 1. */
  readonly submissionsPerJob: number;
}

/** The row. */
export interface PluginRow {
  readonly jobs: number;
  readonly ways: readonly PluginWay[];
  /** Bytes of the plugin tarball (`pulumi plugin install resource aigc <version> --file …`). */
  readonly tarballBytes: number | undefined;
}
