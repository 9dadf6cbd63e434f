// Manual §6 scenario simulation: scenarios/complaint-en-US.json, synthesised and replayed through a real node.
import { describeScenario } from './scenario-suite.js';

describeScenario('complaint-en-US');
