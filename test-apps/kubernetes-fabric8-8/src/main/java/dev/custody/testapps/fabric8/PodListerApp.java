package dev.custody.testapps.fabric8;

import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * An application that calls the Kubernetes API from a pod with the fabric8 client, with no Custody
 * code: the client configures itself from the pod's environment (the API server's address in {@code
 * KUBERNETES_SERVICE_HOST} and {@code _PORT}, the service-account token and CA files) and lists its
 * namespace's pods.
 */
public final class PodListerApp {

  private PodListerApp() {}

  public static void main(String[] args) {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      PodList pods = client.pods().inNamespace("agents").list();
      System.out.println("LISTED " + pods.getItems().size() + " pods");
    }
  }
}
