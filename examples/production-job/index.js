// Loads the compiled program (`npm run build` compiles index.ts into dist/examples/production-job/).
// In your own project, write the program directly in your Pulumi project's index.ts.
module.exports = require("../../dist/examples/production-job/index.js");
