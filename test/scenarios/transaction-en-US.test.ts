// Manual §6 scenario simulation: scenarios/transaction-en-US.json, synthesised and replayed through a real node.
import { describeScenario } from './scenario-suite.js';

describeScenario('transaction-en-US');
