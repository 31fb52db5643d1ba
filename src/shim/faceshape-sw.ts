/**
 * The ready-made service worker (faceshape-sw.js in the package): answers the hosted API's
 * endpoint for the pages it controls, with the engine in the worker.
 */
import '../runtime/register-webgl';
import { serveFaceAnalyze, type ServiceWorkerScope } from './service-worker';

serveFaceAnalyze(self as unknown as ServiceWorkerScope, { claimClients: true });
