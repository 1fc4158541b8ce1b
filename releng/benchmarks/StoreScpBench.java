import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.dicomflow.net.ApplicationEntity;
import org.dicomflow.net.DicomServer;
import org.dicomflow.net.DirectoryStorage;
import org.dicomflow.net.ServerConfig;
import org.dicomflow.net.StorageSopClasses;

/** Our streaming C-STORE SCP (DirectoryStorage: fsync + rename per object) until killed.  AET PORT DIR */
public class StoreScpBench {

    public static void main(String[] args) throws Exception {
        DicomServer server = new ApplicationEntity(args[0]).listen(ServerConfig.bind("127.0.0.1", Integer.parseInt(args[1]))
                .withStorage(StorageSopClasses.ALL, new DirectoryStorage(Path.of(args[2]))));
        System.out.println("listening on " + server.localPort());
        new CountDownLatch(1).await();
    }
}
