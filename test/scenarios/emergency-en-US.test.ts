// Manual §6 scenario simulation: scenarios/emergency-en-US.json, synthesised and replayed through a real node.
import { describeScenario } from './scenario-suite.js';

describeScenario('emergency-en-US');
