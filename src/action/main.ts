/**
 * The GitHub Action face. (Stub until the Action work lands.)
 */
import * as core from '@actions/core';

core.setFailed('the ssc-audit Action is not implemented yet');
