import { describe, expect, it } from 'vitest';
import { goalRunsTests, namesNoGoal, pomDefaultGoal, pomFileOf } from '../../src/model/maven.js';

describe('maven default goal', () => {
  it('tells a bare mvn (options only) from one that names a goal, skipping option values', () => {
    expect(namesNoGoal('mvn --errors --show-version --batch-mode --no-transfer-progress -Ddoclint=all')).toBe(true);
    expect(namesNoGoal('./mvnw -B -P release -pl core -D skipITs')).toBe(true);
    expect(namesNoGoal('mvn -B verify')).toBe(false);
    expect(namesNoGoal('mvn -B spotless:check')).toBe(false);
  });

  it('reads the POM named by -f', () => {
    expect(pomFileOf('mvn -B')).toBe('pom.xml');
    expect(pomFileOf('mvn -f ./core/pom.xml -B')).toBe('core/pom.xml');
    expect(pomFileOf('mvn --file=core/pom.xml')).toBe('core/pom.xml');
  });

  it("reads the project build's defaultGoal, not a profile's nor a comment's", () => {
    const pom = `<project><!-- <build><defaultGoal>install</defaultGoal></build> -->
      <profiles><profile><build><defaultGoal>clean verify</defaultGoal></build></profile></profiles>
      <build><pluginManagement/></build></project>`;
    expect(pomDefaultGoal(pom)).toBeUndefined();
    expect(pomDefaultGoal('<project><build>\n<defaultGoal> clean install </defaultGoal></build></project>')).toBe('clean install');
  });

  it('counts a lifecycle phase at or past test as a test run', () => {
    expect(goalRunsTests('clean verify apache-rat:check')).toBe(true);
    expect(goalRunsTests('package')).toBe(true);
    expect(goalRunsTests('clean compile spotless:check')).toBe(false);
  });
});
