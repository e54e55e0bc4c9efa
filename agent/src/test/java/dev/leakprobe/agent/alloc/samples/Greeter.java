package dev.leakprobe.agent.alloc.samples;

/** A class the failure test redefines with advice that throws. */
public class Greeter {

    public String greet(String name) {
        return "hello " + name;
    }
}
