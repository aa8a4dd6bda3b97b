package io.sandbench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sandbench.exec.ExternalCommand;
import io.sandbench.exec.LaunchedProcess;
import io.sandbench.exec.RunTag;
import io.sandbench.runtime.oci.TestHttp;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain host process run inside an instance's netns (how the native runtime uses isolated
 * networking) answers on the instance address only, and closing removes netns and veths.
 */
class IsolatedLinkTest {
  @TempDir Path work;

  @Test
  void processInsideTheNamespaceAnswersOnItsAddressAndNothingRemains() throws Exception {
    RunTag tag = RunTag.create();
    Files.writeString(Files.createDirectories(work.resolve("www")).resolve("index.html"), "ok\n");
    int port = 18000 + (int) (Math.random() * 1000);
    try (IsolatedLink link = IsolatedLink.create(tag.value(), 3)) {
      assertEquals("10.213.0.14", link.instanceAddress());
      assertTrue(Files.exists(link.netnsPath()));
      List<String> argv =
          link.enter(List.of("/bin/busybox", "httpd", "-f", "-p", link.instanceAddress() + ":" + port, "-h", work.resolve("www").toString()));
      try (LaunchedProcess p = LaunchedProcess.start(argv, Map.of(), work.resolve("httpd.log"))) {
        URI uri = URI.create("http://" + link.instanceAddress() + ":" + port + "/");
        long until = System.currentTimeMillis() + 10_000;
        while (TestHttp.status(uri) != 200 && System.currentTimeMillis() < until) {
          Thread.sleep(20);
        }
        assertEquals(200, TestHttp.status(uri), p.outputTail(5));
        // Not on the host's loopback: the server sits in its own namespace.
        assertEquals(-1, TestHttp.status(URI.create("http://127.0.0.1:" + port + "/")));
      }
    } finally {
      tag.release();
    }
    assertFalse(Files.exists(Path.of("/run/netns", InterfaceNames.netns(tag.value(), 3))));
    String links = ExternalCommand.run(List.of("ip", "-o", "link", "show"), Duration.ofSeconds(10)).stdout();
    assertFalse(links.contains(InterfaceNames.vethHost(tag.value(), 3)), links);
  }

  @Test
  void leftoversOfADeadTagAreRemovedAndALiveTagsAreKept() {
    RunTag live = RunTag.create();
    try (IsolatedLink kept = IsolatedLink.create(live.value(), 0)) {
      IsolatedLink.create("dead00", 0); // never closed: a crashed run's
      List<String> removed = IsolatedLink.removeLeftovers(List.of("dead00"));
      assertTrue(removed.contains(InterfaceNames.vethHost("dead00", 0)), removed.toString());
      assertTrue(removed.contains(InterfaceNames.netns("dead00", 0)), removed.toString());
      assertFalse(Files.exists(Path.of("/run/netns", InterfaceNames.netns("dead00", 0))));
      assertTrue(Files.exists(kept.netnsPath()));
    } finally {
      live.release();
    }
  }
}
