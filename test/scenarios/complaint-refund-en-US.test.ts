// Manual §6 scenario simulation: scenarios/complaint-refund-en-US.json, synthesised and replayed through a real node.
import { describeScenario } from './scenario-suite.js';

describeScenario('complaint-refund-en-US');
