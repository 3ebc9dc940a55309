// Loads the compiled program (`npm run build` compiles index.ts into dist/examples/aigc-subject/).
// In your own project, write the program directly in your Pulumi project's index.ts.
module.exports = require("../../dist/examples/aigc-subject/index.js");
