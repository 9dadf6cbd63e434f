// Manual §6 scenario simulation: scenarios/enquiry-en-US.json, synthesised and replayed through a real node.
import { describeScenario } from './scenario-suite.js';

describeScenario('enquiry-en-US');
