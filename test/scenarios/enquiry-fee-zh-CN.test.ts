// Manual §6 scenario simulation: scenarios/enquiry-fee-zh-CN.json, synthesised and replayed through a real node.
import { describeScenario } from './scenario-suite.js';

describeScenario('enquiry-fee-zh-CN');
