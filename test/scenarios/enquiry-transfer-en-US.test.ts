// Manual §6 scenario simulation: scenarios/enquiry-transfer-en-US.json, synthesised and replayed through a real node.
import { describeScenario } from './scenario-suite.js';

describeScenario('enquiry-transfer-en-US');
