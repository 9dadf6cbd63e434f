// Manual §6 scenario simulation: scenarios/transaction-zh-CN.json, synthesised and replayed through a real node.
import { describeScenario } from './scenario-suite.js';

describeScenario('transaction-zh-CN');
