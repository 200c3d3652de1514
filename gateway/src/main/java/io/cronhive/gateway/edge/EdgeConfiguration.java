package io.cronhive.gateway.edge;

import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link RequestTargetGuard} on every connection, right after the HTTP codec. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

	@Bean
	NettyServerCustomizer requestTargetGuard() {
		return (server) -> server.doOnChannelInit((observer, channel, remote) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline()
					.addAfter(NettyPipeline.HttpCodec, "cronhive.requestTargetGuard", new RequestTargetGuard());
			}
		});
	}

}
