/** faceshape: 90 facial key points in the hosted face analyze API's JSON, in the page. */
import './runtime/register-webgl';

export * from './public-api';
