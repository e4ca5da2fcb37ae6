// conf is an ES module imported for its default export (the Conf class); the app's bundle
// imports the vendor file as Node imports CommonJS (default = module.exports), so export the class.
module.exports = require('conf').default;
