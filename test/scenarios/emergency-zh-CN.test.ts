// Manual §6 scenario simulation: scenarios/emergency-zh-CN.json, synthesised and replayed through a real node.
import { describeScenario } from './scenario-suite.js';

describeScenario('emergency-zh-CN');
