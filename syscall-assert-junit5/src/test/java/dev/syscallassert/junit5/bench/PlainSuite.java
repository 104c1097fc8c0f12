package dev.syscallassert.junit5.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/** 20 small tests, untraced; {@link TracedSuite} runs the same methods traced. Run by {@link OverheadBenchmark}. */
class PlainSuite {

    @Test
    void test01() throws IOException {
        Bodies.smallTest(1);
    }

    @Test
    void test02() throws IOException {
        Bodies.smallTest(2);
    }

    @Test
    void test03() throws IOException {
        Bodies.smallTest(3);
    }

    @Test
    void test04() throws IOException {
        Bodies.smallTest(4);
    }

    @Test
    void test05() throws IOException {
        Bodies.smallTest(5);
    }

    @Test
    void test06() throws IOException {
        Bodies.smallTest(6);
    }

    @Test
    void test07() throws IOException {
        Bodies.smallTest(7);
    }

    @Test
    void test08() throws IOException {
        Bodies.smallTest(8);
    }

    @Test
    void test09() throws IOException {
        Bodies.smallTest(9);
    }

    @Test
    void test10() throws IOException {
        Bodies.smallTest(10);
    }

    @Test
    void test11() throws IOException {
        Bodies.smallTest(11);
    }

    @Test
    void test12() throws IOException {
        Bodies.smallTest(12);
    }

    @Test
    void test13() throws IOException {
        Bodies.smallTest(13);
    }

    @Test
    void test14() throws IOException {
        Bodies.smallTest(14);
    }

    @Test
    void test15() throws IOException {
        Bodies.smallTest(15);
    }

    @Test
    void test16() throws IOException {
        Bodies.smallTest(16);
    }

    @Test
    void test17() throws IOException {
        Bodies.smallTest(17);
    }

    @Test
    void test18() throws IOException {
        Bodies.smallTest(18);
    }

    @Test
    void test19() throws IOException {
        Bodies.smallTest(19);
    }

    @Test
    void test20() throws IOException {
        Bodies.smallTest(20);
    }
}
