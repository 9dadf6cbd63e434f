// Manual §6 scenario simulation: scenarios/enquiry-transfer-zh-CN.json, synthesised and replayed through a real node.
import { describeScenario } from './scenario-suite.js';

describeScenario('enquiry-transfer-zh-CN');
